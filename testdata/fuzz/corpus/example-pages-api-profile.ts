import type { NextApiRequest, NextApiResponse } from 'next';
import { getUser, getPostsByUser } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req.query.id as string);
  res.status(200).json(user);

  // Needs the user first: the posts are looked up by user.id.
  const posts = await getPostsByUser(user.id);
  res.status(200).json(posts);
}
