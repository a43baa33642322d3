// Next.js API route: each case answers and breaks out of the switch into the 405.
const items = [{ id: '1', name: 'first' }];

async function listItems() {
  return items;
}

async function createItem(body) {
  const item = { id: String(items.length + 1), ...body };
  items.push(item);
  return item;
}

export default async function handler(req, res) {
  switch (req.method) {
    case 'GET': {
      const all = await listItems();
      res.status(200).json(all);
      break;
    }
    case 'POST': {
      const item = await createItem(req.body);
      res.status(201).json(item);
      break;
    }
    default:
      break;
  }
  res.setHeader('Allow', 'GET, POST');
  res.status(405).json({ error: `Method ${req.method} not allowed` });
}
