export default async function handler(req, res) {
  try {
    const items = await listItems();
    res.json(items);
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
}
