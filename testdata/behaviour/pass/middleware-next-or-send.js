// Express middleware: next() on one path, a send on the other; the route then answers once.
const express = require('express');

const router = express.Router();

function requireApiKey(req, res, next) {
  if (req.headers['x-api-key'] === 'k1') {
    req.client = { id: 'c1' };
    next();
  } else {
    res.status(403).json({ error: 'bad api key' });
  }
}

router.get('/widgets', requireApiKey, async (req, res, next) => {
  try {
    const widgets = await listWidgets(req.client.id);
    res.json({ widgets });
  } catch (err) {
    next(err);
  }
});

async function listWidgets(clientId) {
  return [{ id: 'w1', clientId }];
}

module.exports = router;
