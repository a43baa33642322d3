// A promise made with an executor that takes no `reject` only resolves; the chain on it can still
// reject when one of its callbacks throws, as reading a property of a missing result does.
const db = require('./db');

app.get('/items', (req, res) => {
  const loadItems = () =>
    new Promise((resolve) => {
      db.query('SELECT * FROM item', (err, rows) => {
        if (err) console.error(err);
        resolve(rows);
      });
    });
  loadItems().then((items) => res.send(items));
});

app.post('/items/:id', (req, res) => {
  const update = () =>
    new Promise((resolve) => {
      db.query('UPDATE item SET name = ? WHERE id = ?', [req.body.name, req.params.id], (err, result) => {
        resolve(result);
      });
    });
  update().then((result) => {
    if (result.changedRows) res.send('updated');
    else res.status(404).send('no such item');
  });
});
