import { Request, Response } from 'express';

export async function login(req: Request, res: Response) {
  const session = await createSession(req.body);
  res.redirect('/dashboard');
  res.json({ session });
}
