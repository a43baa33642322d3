// Express calls error middleware only with an error.
app.use((err, req, res, next) => {
  if (err.name === 'ValidationError') {
    return res.status(400).json({ error: err.message });
  } else if (err) {
    return res.status(500).json({ error: 'internal error' });
  }
});
