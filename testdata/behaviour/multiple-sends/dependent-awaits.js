// Express route: the second await needs the first result, so the fix must keep them in order.
const express = require('express');

const router = express.Router();

const users = { '1': { id: '1', name: 'Ada Lovelace' } };
const posts = [
  { id: 'p1', authorId: '1', title: 'Notes on the Analytical Engine' },
  { id: 'p2', authorId: '2', title: 'Someone else' },
];

async function getUser(id) {
  const user = users[id];
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

async function getPostsByUser(userId) {
  return posts.filter((post) => post.authorId === userId);
}

router.get('/users/:id', async (req, res) => {
  const user = await getUser(req.params.id);
  res.status(200).json(user);

  const userPosts = await getPostsByUser(user.id);
  res.status(200).json(userPosts);
});

module.exports = router;
