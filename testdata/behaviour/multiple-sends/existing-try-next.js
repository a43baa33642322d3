// Express route: the try's catch hands errors to next(err).
const express = require('express');

const router = express.Router();

async function getStats() {
  return { visits: 10 };
}

async function getFeed() {
  return [{ id: 'f1' }];
}

router.get('/dashboard', async (req, res, next) => {
  try {
    const stats = await getStats();
    res.json(stats);
    const feed = await getFeed();
    res.json(feed);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
