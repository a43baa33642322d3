export default async function handler(req, res) {
  try {
    const order = await createOrder(req.body);
    res.status(201).json(order);
    await audit.log('order.created', order.id);
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
}
