exports.webhook = async (req, res) => {
  try {
    res.status(200).json({ received: true });
    const event = JSON.parse(req.body);
    await processEvent(event);
  } catch (error) {
    res.status(400).json({ error: 'bad payload' });
  }
};
