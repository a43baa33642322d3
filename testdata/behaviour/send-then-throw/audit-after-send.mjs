// The order is answered 201, then the audit write throws and the catch answers 500.
const orders = [];

async function createOrder(body) {
  const order = { id: String(orders.length + 1), item: body.item ?? 'book' };
  orders.push(order);
  return order;
}

async function auditLog(event, id) {
  return { event, id };
}

export default async function handler(req, res) {
  try {
    const order = await createOrder(req.body);
    res.status(201).json(order);
    await auditLog('order.created', order.id);
  } catch (error) {
    console.error('order failed:', error.message);
    res.status(500).json({ error: error.message });
  }
}
