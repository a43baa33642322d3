import type { NextApiRequest, NextApiResponse } from "next";
import { getUser, getPostsByUser, getFollowers } from "../../lib/db";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(String(req.query.id));
  res.status(200).json(user);

  const posts = await getPostsByUser(user.id);
  const followers = await getFollowers(user.id);
  res.status(200).json(posts);
  res.status(200).json(followers);
}
