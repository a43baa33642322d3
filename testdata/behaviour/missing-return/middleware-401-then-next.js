// Express middleware: the 401 branch does not return, so next() runs the route handler as well.
const express = require('express');

const router = express.Router();

function requireAuth(req, res, next) {
  if (req.headers.authorization !== 'Bearer admin') {
    res.status(401).json({ error: 'unauthorized' });
  }
  next();
}

async function listUsers() {
  return [{ id: '1', name: 'Ada' }];
}

router.get('/admin/users', requireAuth, async (req, res) => {
  const users = await listUsers();
  res.json({ users });
});

module.exports = router;
