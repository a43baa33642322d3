import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser();
  res.json(user);
  console.log('sent user', user.id);
  const prefs = await getPrefs(user.id);
  res.json(prefs);
}
