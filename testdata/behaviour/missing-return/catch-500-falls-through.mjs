// Next.js API route: the catch answers 500, then the success response runs too.
const orders = { '7': { id: '7', total: 42.5 } };

async function loadOrder(id) {
  return orders[id] ?? null;
}

export default async function handler(req, res) {
  let order;
  try {
    order = await loadOrder(req.query.id ?? '7');
  } catch (error) {
    console.error('loading order failed', error);
    res.status(500).json({ error: 'could not load order' });
  }
  res.status(200).json({ order });
}
