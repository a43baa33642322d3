router.post('/orders', async (req, res, next) => {
  try {
    const order = await Order.create(req.body);
    res.status(201).json(order);
    await mailer.sendConfirmation(order);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
