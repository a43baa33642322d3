// Each branch sends once and nothing sends after the if/else.
const users = { '1': { id: '1', name: 'Ada' } };

async function getUser(id) {
  return users[id] ?? null;
}

export default async function handler(req, res) {
  const user = await getUser(req.query.id);
  if (user) {
    res.status(200).json(user);
  } else if (req.query.id === undefined) {
    res.status(400).json({ error: 'id is required' });
  } else {
    res.status(404).json({ error: 'Not found' });
  }
}
