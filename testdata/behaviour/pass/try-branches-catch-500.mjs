// Both branches of an if/else inside the try send last; the catch answers 500 only if nothing was sent.
async function findPost(id) {
  return id === 'p1' ? { id, title: 'Hello' } : null;
}

export default async function handler(req, res) {
  try {
    const post = await findPost(req.query.id ?? 'p1');
    if (!post) {
      res.status(404).json({ error: 'post not found' });
    } else {
      res.status(200).json({ post });
    }
  } catch (error) {
    console.error(error);
    res.status(500).json({ error: 'could not load post' });
  }
}
