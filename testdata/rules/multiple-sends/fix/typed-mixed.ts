import type { NextApiRequest, NextApiResponse } from 'next';

type User = { id: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user: User = await getUser(req.query.id as string);
  res.json(user);
  const settings = await getSettings(req.query.id as string);
  res.json(settings);
  const plan = await getPlan(req.query.id as string);
  res.json(plan);
}
