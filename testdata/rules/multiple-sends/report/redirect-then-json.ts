import { Request, Response } from 'express';
import { createSession } from '../sessions';

export async function login(req: Request, res: Response) {
  const session = await createSession(req.body);
  res.redirect('/dashboard');
  res.json({ session });
}
