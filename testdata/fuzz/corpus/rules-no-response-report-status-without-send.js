router.delete('/items/:id', async (req, res) => {
  await Item.deleteOne({ _id: req.params.id });
  res.status(204);
});
