module.exports = async function handler(req, res) {
  try {
    const item = await db.items.get(req.query.id);
    res.json(item);
    await cache.put(req.query.id, item);
  } catch (e) {
    Sentry.captureException(e);
    res.status(500).json({ error: 'failed' });
  }
};
