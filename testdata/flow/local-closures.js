// Closures that answer are followed where they are called, and handing one on is a hand-off.
app.get('/orders/:id', async (req, res) => {
  const fail = (status) => res.status(status).json({ error: 'order unavailable' });
  function sendOrder(order) {
    res.json(order);
  }
  const order = await findOrder(req.params.id);
  if (!order) {
    fail(404);
  }
  sendOrder(order);
});

app.get('/report', (req, res) => {
  const sendReport = (report) => res.format({ json: () => res.json(report) });
  buildReport(req.query, sendReport);
});
