// Object-literal bodies are merged property by property.
async function countUsers() {
  return 1280;
}

async function countOrders() {
  return 5120;
}

async function revenue() {
  return 81234.5;
}

export default async function stats(req, res) {
  const users = await countUsers();
  res.json({ users, generatedFor: req.query.team ?? 'all' });

  const orders = await countOrders();
  const total = await revenue();
  res.json({ orders, total: total.toFixed(2) });
}
