export default async function handler(req, res) {
  const user = await findUser(req.query.email);
  if (user) {
    res.json(user);
  } else {
    res.status(404).json({ error: 'Not found' });
  }
}
