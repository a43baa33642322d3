import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const stats = await computeStats();
    res.json(stats);
    await redis.set('stats', JSON.stringify(stats));
  } catch (err) {
    console.error(err);
    return res.status(500).json({ error: 'failed' });
  }
}
