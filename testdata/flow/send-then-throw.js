// Only statements that can throw into the catch count: timers and handled promises do not.
app.post('/orders', async (req, res) => {
  try {
    const order = await createOrder(req.body);
    res.status(201).json(order);
    setImmediate(() => notify(order));
    audit.record(order).catch(() => {});
  } catch (error) {
    res.status(500).json({ error: 'order failed' });
  }
});

app.post('/payments', async (req, res) => {
  try {
    const payment = await charge(req.body);
    res.status(201).json(payment);
    await ledger.write(payment);
  } catch (error) {
    res.status(500).json({ error: 'payment failed' });
  }
});
