const db = require('../db');

exports.updateUser = (req, res) => {
  const q = 'UPDATE users SET name = ? WHERE id = ?';
  db.query(q, [req.body.name, req.params.id], (err, data) => {
    if (err) res.status(500).json(err);
    res.json('Updated!');
  });
};
