// An async IIFE runs as part of the handler.
app.get('/stats', (req, res) => {
  (async () => {
    try {
      res.json(await computeStats());
    } catch (error) {
      res.status(500).json({ error: 'stats failed' });
    }
  })();
});
