export default async function handler(req, res) {
  const a = await first();
  res.json({ ok: true, a });
  const b = await second();
  res.json({ ok: true, b });
}
