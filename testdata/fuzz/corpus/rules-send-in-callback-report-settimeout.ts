import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  setTimeout(() => {
    res.status(504).json({ error: 'timeout' });
  }, 5000);
  res.status(200).json({ started: true });
}
