import type { NextApiRequest, NextApiResponse } from 'next';
import { handleRoute } from '@/ee/links';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  return handleRoute(req, res);
}
