// Webhook: acknowledge first, then parse; a bad payload throws after the 200.
async function processEvent(event) {
  return event.type;
}

exports.webhook = async (req, res) => {
  try {
    res.status(200).json({ received: true });
    const event = JSON.parse(req.body);
    await processEvent(event);
  } catch (error) {
    console.warn('webhook failed:', error);
    res.status(400).json({ error: 'bad payload' });
  }
};
