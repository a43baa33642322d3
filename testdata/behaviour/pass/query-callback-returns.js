// The callback-style driver, written correctly: the error branch returns.
function runQuery(sql) {
  return [{ id: 1, sql }];
}

const db = {
  query(sql, callback) {
    setImmediate(() => {
      let rows;
      try {
        rows = runQuery(sql);
      } catch (err) {
        callback(err);
        return;
      }
      callback(null, rows);
    });
  },
};

exports.list = (req, res) => {
  db.query('SELECT id FROM things', (err, rows) => {
    if (err) return res.status(500).json({ error: err.message });
    res.json(rows);
  });
};
