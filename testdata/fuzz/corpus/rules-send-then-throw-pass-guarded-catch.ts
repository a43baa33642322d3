import { Request, Response } from 'express';

export const create = async (req: Request, res: Response) => {
  try {
    const doc = await Doc.create(req.body);
    res.status(201).json(doc);
    await search.index(doc);
  } catch (error) {
    if (!res.headersSent) {
      res.status(500).json({ error: 'create failed' });
    }
  }
};
