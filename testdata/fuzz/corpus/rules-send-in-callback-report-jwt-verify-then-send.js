const jwt = require('jsonwebtoken');

module.exports = function profile(req, res) {
  jwt.verify(req.cookies.token, process.env.SECRET, (err, payload) => {
    if (err) {
      res.status(401).json({ error: 'invalid token' });
    }
  });
  res.json({ user: req.user });
};
