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
