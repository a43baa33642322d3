// Synchronous Express handler: the catch passes the parse error on with next(e) and carries on.
const express = require('express');

const router = express.Router();

function parseSettings(raw) {
  return JSON.parse(raw);
}

router.post('/settings', (req, res, next) => {
  let settings;
  try {
    settings = parseSettings(req.body.raw);
  } catch (e) {
    next(e);
  }
  res.json({ saved: settings });
});

module.exports = router;
