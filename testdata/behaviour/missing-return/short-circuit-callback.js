// `err && res.status(403).json(...)` inside a (non-async) jwt.verify callback.
const jwt = {
  verify(token, secret, callback) {
    setImmediate(() => (token === 'good' ? callback(null, { id: '1' }) : callback(new Error('bad token'))));
  },
};

exports.me = (req, res) => {
  jwt.verify(req.headers.token, process.env.JWT_SECRET, (err, user) => {
    err && res.status(403).json({ error: 'forbidden' });
    res.json({ user });
  });
};
