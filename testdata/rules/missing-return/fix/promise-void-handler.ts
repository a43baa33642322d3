import type { Request, Response } from 'express';

// Express 5 types handlers as returning `void | Promise<void>`: `return res.json(...)` does not compile.
export async function getOrder(req: Request, res: Response): Promise<void> {
  const order = await findOrder(req.params.id);
  if (!order) {
    res.status(404).json({ error: 'Order not found' });
  }
  res.json(order);
}

export async function listOrders(req: Request, res: Response): Promise<void> {
  if (!req.query.user) {
    return void res.status(400).json({ error: 'user is required' });
  }
  res.json(await findOrders(req.query.user as string));
}
