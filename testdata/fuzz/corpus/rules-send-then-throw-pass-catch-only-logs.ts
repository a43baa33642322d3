import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(202).json({ accepted: true });
  try {
    await runBackgroundJob(req.body);
  } catch (error) {
    console.error('background job failed', error);
  }
}
