// A short-circuit guard as the braceless body of an if that has an else.
const widgets = { w1: { id: 'w1', name: 'Sprocket' } };

async function getWidget(id) {
  return widgets[id] ?? null;
}

export default async function handler(req, res) {
  const widget = await getWidget(req.query.id);
  if (req.method === 'GET') !widget && res.status(404).json({ error: 'no such widget' });
  else console.log(`${req.method} request for ${req.query.id}`);
  res.status(200).json({ widget });
}
