import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';

export function verifyToken(req: Request, res: Response, next: NextFunction) {
  jwt.verify(req.headers.authorization ?? '', process.env.SECRET!, (err, user) => {
    if (err) {
      return res.status(403).json({ error: 'Token is not valid' });
    }
    (req as any).user = user;
    next();
  });
}
