// The sends are already inside a try whose catch answers 500: that catch is reused.
async function loadProfile(id) {
  return { id, name: 'Ada' };
}

async function loadSettings(id) {
  return { id, theme: 'dark' };
}

export default async function handler(req, res) {
  try {
    const profile = await loadProfile(req.query.id ?? '1');
    res.json(profile);
    const settings = await loadSettings(req.query.id ?? '1');
    res.json(settings);
  } catch (err) {
    res.status(500).json({ message: err.message });
  }
}
