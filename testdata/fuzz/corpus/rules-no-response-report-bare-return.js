export default async function webhook(req, res) {
  const signature = req.headers['stripe-signature'];
  if (!signature) {
    return;
  }
  await handleEvent(req.body, signature);
  res.json({ received: true });
}
