// Whether the response already went out is known only at run time.
app.get('/stream', async (req, res) => {
  await pipeExport(req, res);
  const started = res.headersSent;
  if (!started) {
    res.status(204).end();
  }
});
