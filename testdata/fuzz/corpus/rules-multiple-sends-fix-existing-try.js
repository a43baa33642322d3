export default async function handler(req, res) {
  try {
    const profile = await loadProfile(req.query.id);
    res.json(profile);
    const settings = await loadSettings(req.query.id);
    res.json(settings);
  } catch (err) {
    res.status(500).json({ message: err.message });
  }
}
