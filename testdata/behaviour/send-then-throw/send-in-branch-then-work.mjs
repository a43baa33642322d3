// Either branch sends inside the try; the cache refresh after the if/else can throw.
const cache = new Map();

async function loadPrices() {
  return { btc: 1, eth: 2 };
}

async function refreshCache(key, value) {
  cache.set(key, value);
  console.log(`cache refreshed: ${key}`);
}

export default async function handler(req, res) {
  try {
    let prices = cache.get('prices');
    if (prices) {
      res.json({ prices, cached: true });
    } else {
      prices = await loadPrices();
      res.json({ prices, cached: false });
    }
    await refreshCache('prices', prices);
  } catch (err) {
    console.error('prices failed', err);
    res.status(502).json({ error: 'upstream failed' });
  }
}
