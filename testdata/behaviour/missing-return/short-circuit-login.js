// Express login route: `!user && res...` and `valid || res...` as statements.
const express = require('express');

const router = express.Router();

const accounts = {
  ada: { username: 'ada', password: 'lovelace' },
};

async function findUser(username) {
  return accounts[username] ?? null;
}

async function checkPassword(user, password) {
  return Boolean(user) && user.password === password;
}

function sign(user) {
  return `token-for-${user.username}`;
}

router.post('/login', async (req, res) => {
  const user = await findUser(req.body.username);
  !user && res.status(401).json({ error: 'Wrong credentials!' });

  const valid = await checkPassword(user, req.body.password);
  valid || res.status(401).json({ error: 'Wrong credentials!' });
  res.status(200).json({ token: sign(user) });
});

module.exports = router;
