// Next.js API route: the DELETE branch answers 204, then falls into the 405.
const links = [{ id: '1', url: 'https://example.com' }];

async function listLinks() {
  return links;
}

async function deleteLink(id) {
  const index = links.findIndex((link) => link.id === id);
  if (index >= 0) links.splice(index, 1);
}

export default async function handle(req, res) {
  if (req.method === 'GET') {
    const all = await listLinks();
    return res.status(200).json(all);
  } else if (req.method === 'DELETE') {
    await deleteLink(req.query.id);
    res.status(204).end(); // deleted
  }
  res.setHeader('Allow', ['GET', 'DELETE']);
  return res.status(405).end(`Method ${req.method} Not Allowed`);
}
