exports.list = (req, res) => {
  db.query('SELECT * FROM posts', (err, rows) => {
    if (err) return res.status(500).json(err);
    res.json(rows);
  });
  res.json({ ok: true });
};
