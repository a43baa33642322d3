import { Request, Response } from 'express';
import { db } from '../db';

export const exportRows = async (req: Request, res: Response) => {
  const rows = await db.rows(req.params.table);
  rows.forEach((row) => {
    res.status(200).json(row);
  });
};
