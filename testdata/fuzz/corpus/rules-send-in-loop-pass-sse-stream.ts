import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Content-Type', 'text/event-stream');
  for await (const event of subscribe(req.query.channel as string)) {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  res.end();
}
