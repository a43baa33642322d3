// Comparisons with integer literals bound a count, and a counting loop's body runs only when the
// count exceeds the counter's start: the empty answer and the answers from the loop never meet.
app.get('/history', (req, res) => {
  History.find({ user: req.user.id }, (err, entries) => {
    const count = entries.length;
    if (count < 1) {
      res.send([]);
    }
    const found = [];
    for (let i = 0; i < count; i++) {
      Book.findById(entries[i].book, (err, book) => {
        found.push(book);
        if (found.length === count) res.send(found);
      });
    }
  });
});

// `<=` reaches the count: with none, the loop still runs once, and its answer follows the first.
app.get('/pages', (req, res) => {
  const pages = req.query.pages.length;
  if (pages <= 0) {
    res.status(404).end();
  }
  for (let page = 0; page <= pages; page++) {
    if (page === 0) res.json({ first: req.query.pages[0] });
  }
});
