// The async fan-out: one callback per item, counting down; the last one answers. Two failing
// callbacks each answer, which is the real bug here.
app.post('/batch', (req, res) => {
  let remaining = req.body.items.length;
  req.body.items.forEach((item) => {
    store.save(item, (err) => {
      if (err) return res.status(500).send(err.message);
      if (--remaining === 0) res.send('saved');
    });
  });
});

// The same with the count updated before its test, by each way an item can end.
app.post('/habits', (req, res) => {
  let pending = req.body.items.length;
  req.body.items.forEach((item) => {
    store
      .save(item)
      .then(() => {
        pending--;
        if (!pending) res.send('saved');
      })
      .catch(() => {
        pending -= 1;
        if (pending === 0) res.send('failed');
      });
  });
});
