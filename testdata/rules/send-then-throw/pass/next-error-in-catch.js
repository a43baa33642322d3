// Express's own guidance: `next(err)` after the response went out lets its error handling close the connection; it is not a second answer.
router.post('/upload', async (req, res, next) => {
  try {
    const file = await storage.put(req.file);
    res.json({ url: file.url });
    metrics.increment('uploads');
  } catch (err) {
    next(err);
  }
});
