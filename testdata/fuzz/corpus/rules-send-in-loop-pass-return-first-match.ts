import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const files = await listFiles();
  for (const file of files) {
    if (file.name === req.query.name) {
      return res.status(200).json(file);
    }
  }
  return res.status(404).json({ error: 'not found' });
}
