import type { NextApiRequest, NextApiResponse } from 'next';
import { getProject } from '@/lib/projects';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const project = await getProject(req.query.id as string);
  if (!project) {
    res.status(404).json({ error: 'Not found' });
  }
  res.status(200).json(project);
}
