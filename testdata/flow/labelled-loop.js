// Labelled loops walk like unlabelled ones: initialiser, test and body.
app.get('/search', (req, res) => {
  outer: for (let page = 0; page < 3; page++) {
    for (const hit of search(req.query.q, page)) {
      if (hit.exact) {
        res.json(hit);
        break outer;
      }
    }
  }
  res.status(404).json({ error: 'no exact match' });
});
