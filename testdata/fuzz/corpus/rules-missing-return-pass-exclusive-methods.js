export default async function handler(req, res) {
  const { method } = req;
  if (method === 'GET') {
    res.status(200).json(await getProduct(req.query.id));
  }
  if (method === 'PUT') {
    res.status(200).json(await updateProduct(req.query.id, req.body));
  }
  if (method !== 'GET' && method !== 'PUT') {
    res.status(405).end();
  }
}
