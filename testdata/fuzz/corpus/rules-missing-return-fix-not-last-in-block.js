export default async function handler(req, res) {
  const { token } = req.headers;
  if (!token) {
    res.status(401).json({ error: 'missing token' });
    console.warn('request without token');
  }
  const session = await verify(token);
  res.json(session);
}
