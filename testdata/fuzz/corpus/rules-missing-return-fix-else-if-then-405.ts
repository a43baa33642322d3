import type { NextApiRequest, NextApiResponse } from "next";

export default async function handle(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "GET") {
    const links = await listLinks();
    return res.status(200).json(links);
  } else if (req.method === "DELETE") {
    await deleteLink(req.query.id as string);
    res.status(204).end(); // deleted
  }
  res.setHeader("Allow", ["GET", "DELETE"]);
  return res.status(405).end(`Method ${req.method} Not Allowed`);
}
