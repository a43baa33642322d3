// Express route: the 401 is sent, a warning is logged, and the handler carries on.
const express = require('express');

const router = express.Router();

const sessions = {
  'Bearer s3cret': { user: { id: '1', name: 'Ada' } },
};

async function verifySession(token) {
  return sessions[token] ?? { user: null };
}

router.get('/profile', async (req, res) => {
  const token = req.get('authorization');
  if (!token) {
    res.status(401).json({ error: 'missing token' });
    console.warn('request without token');
  }
  const session = await verifySession(token);
  res.json({ user: session.user });
});

module.exports = router;
