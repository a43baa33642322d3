// A function in the options of an awaited call runs during the await: what it throws after
// answering rejects the awaited promise, into the handler's catch, which answers again.
app.post('/avatar', async (req, res) => {
  try {
    const stored = await storeAvatar({
      body: req.body,
      checkQuota: async (bytes) => {
        if (bytes > LIMIT) {
          res.status(413).json({ error: 'too large' });
          throw new Error('quota');
        }
      },
    });
    res.status(201).json({ url: stored.url });
  } catch (error) {
    res.status(500).json({ error: 'upload failed' });
  }
});
