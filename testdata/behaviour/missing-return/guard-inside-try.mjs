// The 404 guard is inside a try: without a return, `user.id` throws and the catch answers 500 too.
async function getUser(id) {
  return id === '1' ? { id, name: 'Ada' } : null;
}

async function getOrders(userId) {
  return [{ id: 'o1', userId }];
}

export default async function handler(req, res) {
  try {
    const user = await getUser(req.query.id);
    if (!user) {
      res.status(404).json({ error: 'no such user' });
    }
    const orders = await getOrders(user.id);
    res.json({ user, orders });
  } catch (error) {
    console.error(error);
    res.status(500).json({ error: 'failed' });
  }
}
