export default async function handler(req, res) {
  const users = await countUsers();
  res.json({ users });

  const orders = await countOrders();
  res.json({ orders });
}

async function countUsers() {
  return { total: 1280, activeToday: 342 };
}

async function countOrders() {
  return { total: 5120, pending: 17 };
}
