// Express app: the catch hands the error to next() and then renders anyway.
const express = require('express');

const app = express();

async function listRepos(token) {
  return [{ name: 'sendonce', stars: 42, token: Boolean(token) }];
}

app.get('/api/github', async (req, res, next) => {
  let repos;
  try {
    repos = await listRepos(req.headers['x-github-token']);
  } catch (error) {
    next(error);
  }
  res.json({ title: 'GitHub API', repos });
});

module.exports = app;
