// A closure declared before the awaits reads their results when it is called after the sends.
const accessLog = [];

async function getUser(id) {
  return { id, name: 'Ada' };
}

async function getPosts(userId) {
  return [{ id: 'p1', userId }];
}

export default async function handler(req, res) {
  const recordAccess = () => accessLog.push(`${user.name} read ${posts.length} posts`);
  const user = await getUser(req.query.id ?? '1');
  res.json(user);
  const posts = await getPosts(req.query.id ?? '1');
  res.json(posts);
  recordAccess();
  console.log(accessLog.at(-1));
}
