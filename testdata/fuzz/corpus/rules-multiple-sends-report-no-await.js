export default function handler(req, res) {
  const payload = build(req.query);
  res.json(payload);
  res.json({ done: true });
}
