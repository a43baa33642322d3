// Controller with a callback-style driver: `if (err) res.status(500).json(err)` without return.
function runQuery(sql, params) {
  return { affectedRows: params.length > 1 ? 1 : 0 };
}

const db = {
  query(sql, params, callback) {
    setImmediate(() => {
      let result;
      try {
        result = runQuery(sql, params);
      } catch (err) {
        callback(err);
        return;
      }
      callback(null, result);
    });
  },
};

exports.updateUser = (req, res) => {
  const q = 'UPDATE users SET name = ? WHERE id = ?';
  db.query(q, [req.body.name, req.params.id], (err, data) => {
    if (err) res.status(500).json({ error: err.message });
    res.json('Updated!');
  });
};
