import type { NextApiRequest, NextApiResponse } from 'next';

export default async function computeTags(req: NextApiRequest, res: NextApiResponse) {
  const { wait } = parse(req.query);
  if (!wait) res.status(202).json({ queued: true });

  await computeAll();

  if (wait) res.status(200).json({ done: true });
}
