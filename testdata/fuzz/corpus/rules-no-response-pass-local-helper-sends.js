function unauthorized(res) {
  return res.status(401).json({ error: 'unauthorized' });
}

export default async function handler(req, res) {
  if (!req.headers.authorization) {
    return unauthorized(res);
  }
  res.json({ ok: true });
}
