import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const files = await listFiles(req.query.dir as string);
  for (let i = 0; i < files.length; i++) {
    if (files[i].name === req.query.name) {
      res.status(200).json(files[i]);
    }
  }
  res.status(404).json({ error: 'not found' });
}
