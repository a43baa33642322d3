// The catch already checks res.headersSent before answering.
async function buildFeed() {
  return [{ id: 'e1' }];
}

async function trackView(userId) {
  return userId;
}

export default async function handler(req, res) {
  try {
    const feed = await buildFeed();
    res.json({ feed });
    await trackView(req.query.user ?? 'anonymous');
  } catch (error) {
    console.error('feed failed', error);
    if (!res.headersSent) {
      res.status(500).json({ error: 'feed failed' });
    }
  }
}
