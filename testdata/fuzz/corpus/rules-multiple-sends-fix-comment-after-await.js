// A comment between `await` and the call stays once: the statement is copied whole.
export default async function handler(req, res) {
  const user = await /* cached for 60s */ getUser(req.query.id);
  res.json(user);
  const order = await createOrder(/* the draft */ req.body);
  res.json({ order });
}
