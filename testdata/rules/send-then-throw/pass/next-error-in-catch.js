router.post('/upload', async (req, res, next) => {
  try {
    const file = await storage.put(req.file);
    res.json({ url: file.url });
    metrics.increment('uploads');
  } catch (err) {
    next(err);
  }
});
