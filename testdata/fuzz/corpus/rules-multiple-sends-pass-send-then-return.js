exports.remove = async (req, res) => {
  const found = await Item.findById(req.params.id);
  if (!found) {
    res.status(404).json({ message: 'missing' });
    return;
  }
  await found.remove();
  res.json({ removed: true });
};
