router.get('/audit', async (req, res) => {
  const a = await loadA();
  res.json(a);
  const b = await loadB();
  res.json(b);
  audit(req.user, a, b);
});
