// A braceless conditional send, then the rest only runs if nothing was sent yet.
const cache = new Map([['hot', { key: 'hot', value: 1 }]]);

async function load(key) {
  return { key, value: 2 };
}

export default async function handler(req, res) {
  const cached = cache.get(req.query.key);
  if (cached) res.json({ cached: true, ...cached });
  if (!res.headersSent) {
    const fresh = await load(req.query.key);
    res.json({ cached: false, ...fresh });
  }
}
