import { Request, Response } from 'express';

export const items = async (req: Request, res: Response) => {
  switch (req.method) {
    case 'GET':
      return res.json(await list());
    case 'POST':
      res.status(201).json(await create(req.body));
      break;
    default:
      res.status(405).end();
      break;
  }
};
