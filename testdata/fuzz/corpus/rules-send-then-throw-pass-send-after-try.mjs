export default async (req, res) => {
  let data;
  try {
    data = await load();
    await audit(data);
  } catch (error) {
    return res.status(500).json({ error: 'load failed' });
  }
  res.json(data);
};
