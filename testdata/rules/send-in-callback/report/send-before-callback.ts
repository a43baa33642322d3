import { Request, Response } from 'express';
import { storage } from '../storage';

export function upload(req: Request, res: Response) {
  res.status(202).json({ accepted: true });
  storage.save(req.file, (err: Error | null) => {
    if (err) res.status(500).json({ error: err.message });
  });
}
