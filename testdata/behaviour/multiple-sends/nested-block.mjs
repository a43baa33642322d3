// The double send sits inside one branch; the other branch and the code around it stay as they are.
async function getArticle(slug) {
  return { slug, title: 'Hello' };
}

async function getComments(slug) {
  return [{ slug, text: 'Nice post' }];
}

export default async function handler(req, res) {
  const slug = req.query.slug ?? 'hello';
  if (req.query.withComments === 'yes') {
    const article = await getArticle(slug);
    res.json({ article });
    const comments = await getComments(slug);
    res.json({ comments });
  } else {
    res.json({ article: await getArticle(slug) });
  }
}
