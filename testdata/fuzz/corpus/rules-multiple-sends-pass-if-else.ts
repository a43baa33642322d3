import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await findUser(req.query.email as string);
  if (user) {
    res.status(200).json(user);
  } else {
    res.status(404).json({ error: 'Not found' });
  }
}
