// Express middleware: the jwt.verify callback answers 403, then calls next() anyway.
const express = require('express');

const router = express.Router();

const jwt = {
  verify(token, secret, callback) {
    setImmediate(() => {
      if (token === 'good') callback(null, { id: '1', name: 'Ada' });
      else callback(new Error('jwt malformed'));
    });
  },
};

const verifyToken = (req, res, next) => {
  const authHeader = req.headers.token;
  if (authHeader) {
    const token = authHeader.split(' ')[1];
    jwt.verify(token, process.env.JWT_SEC, (err, user) => {
      if (err) res.status(403).json('Token is not valid!');
      req.user = user;
      next();
    });
  } else {
    return res.status(401).json('You are not authenticated!');
  }
};

router.get('/me', verifyToken, (req, res) => {
  res.status(200).json({ user: req.user });
});

module.exports = router;
