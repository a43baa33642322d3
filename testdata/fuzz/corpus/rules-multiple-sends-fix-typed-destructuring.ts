import type { NextApiRequest, NextApiResponse } from 'next';

type Team = { id: string };
type Member = { name: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<unknown>) {
  const { id } = req.query;
  const team: Team = await getTeam(id as string);
  res.status(200).json(team);
  const members: Member[] = await listMembers(id as string);
  res.status(200).json(members);
}
