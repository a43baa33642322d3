import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const invitations = await listInvitations(req.query.teamId as string);
    return res.status(200).json(invitations);
  }
}
