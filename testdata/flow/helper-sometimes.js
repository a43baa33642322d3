// A same-file helper that answers on an early exit, followed by the handler's own send.
async function onSubscriptionUpdated(event, res) {
  if (!event.data) {
    res.status(200).send('ignored');
    return;
  }
  await saveSubscription(event.data);
}

export default async function webhook(req, res) {
  const event = parseEvent(req);
  await onSubscriptionUpdated(event, res);
  res.status(200).json({ received: true });
}
