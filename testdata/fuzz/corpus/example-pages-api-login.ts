import type { NextApiRequest, NextApiResponse } from 'next';
import { verifyCredentials } from '../../lib/db';

type LoginBody = { email?: string; password?: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).json({ error: 'Method not allowed' });
  }

  const { email, password } = (req.body ?? {}) as LoginBody;
  if (!email || !password) {
    return res.status(400).json({ error: 'Email and password are required' });
  }

  const user = await verifyCredentials(email, password);
  if (user) {
    res.status(200).json({ id: user.id, name: user.name });
  } else {
    res.status(401).json({ error: 'Invalid email or password' });
  }
}
