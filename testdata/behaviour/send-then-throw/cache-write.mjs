// The stats are sent, then the cache write fails; the catch logs and returns a 500.
const cache = new Map();

async function computeStats() {
  return { users: 3, orders: 9 };
}

async function cacheSet(key, value) {
  cache.set(key, value);
}

export default async function handler(req, res) {
  try {
    const stats = await computeStats();
    res.json(stats);
    await cacheSet('stats', JSON.stringify(stats));
  } catch (err) {
    console.error(err);
    return res.status(500).json({ error: 'failed' });
  }
}
