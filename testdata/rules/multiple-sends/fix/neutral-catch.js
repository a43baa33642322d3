export default async function handler(req, res) {
  const order = await createOrder(req.body);
  res.status(201).json(order);
  const receipt = await sendReceipt(order.id);
  res.status(201).json(receipt);
}
