export default async function handler(req, res) {
  switch (req.method) {
    case 'GET':
      return res.json(await list());
    case 'POST':
      return res.status(201).json(await create(req.body));
    default:
      res.setHeader('Allow', ['GET', 'POST']);
      return res.status(405).end();
  }
}
