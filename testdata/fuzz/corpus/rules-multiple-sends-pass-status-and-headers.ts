import { Request, Response } from 'express';

export const ping = (req: Request, res: Response) => {
  res.status(201);
  res.setHeader('X-Ping', 'pong');
  res.set('Cache-Control', 'no-store');
  res.json({ pong: true });
};
