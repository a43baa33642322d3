export default async function handler(req, res) {
  switch (req.method) {
    case 'POST': {
      const item = await createItem(req.body);
      res.status(201).json(item);
      break;
    }
    default:
      break;
  }
  res.status(405).json({ error: 'Method not allowed' });
}
