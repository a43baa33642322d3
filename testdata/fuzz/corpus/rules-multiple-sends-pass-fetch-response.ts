import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, response: NextApiResponse) {
  const res = await fetch('https://api.example.com/items');
  const items = await res.json();
  const more = await res.json();
  response.status(200).json({ items, more });
}
