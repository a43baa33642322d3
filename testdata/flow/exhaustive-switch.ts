// After a guard that excludes other methods, the switch has no fall-out path.
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { method } = req;
  if (method !== 'GET' && method !== 'PUT') {
    return res.status(405).end();
  }
  switch (method) {
    case 'GET':
      return res.json(await loadProfile(req));
    case 'PUT':
      return res.json(await saveProfile(req));
  }
}
