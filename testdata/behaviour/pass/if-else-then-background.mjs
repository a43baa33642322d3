// Both branches send, then work that sends nothing runs after the if/else.
const seen = new Set();

async function getPage(slug) {
  return slug === 'home' ? { slug, title: 'Home' } : null;
}

async function recordVisit(slug) {
  seen.add(slug);
  console.log(`visit recorded: ${slug}`);
}

export default async function handler(req, res) {
  const slug = req.query.slug ?? 'home';
  const page = await getPage(slug);
  if (page) {
    res.status(200).json(page);
  } else {
    res.status(404).json({ error: 'no such page' });
  }
  await recordVisit(slug);
}
