import type { NextFunction, Request, Response } from 'express';

export async function createUser(req: Request, res: Response, next: NextFunction) {
  try {
    const user = await users.insert(req.body);
    res.status(201).json(user);
    analytics.track('signup', user.id);
  } catch (error) {
    logger.error(error);
    return res.status(400).json({ message: 'Could not create the user' });
  }
}
