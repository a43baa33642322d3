export default async function handler(req, res) {
  if (!req.user) {
    req.status(401).end();
    return;
  }
  res.json(req.user);
}
