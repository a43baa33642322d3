// A query's error-first callback runs once; an array's callback runs per element.
app.get('/users', (req, res) => {
  User.find({}, function (err, users) {
    if (err) res.status(500).send(err);
    res.json(users);
  });
});

app.get('/tags', (req, res) => {
  const tags = ['a', 'b'];
  tags.filter((tag) => tag.length > 0).forEach((tag) => {
    res.write(tag);
  });
  res.end();
});

app.get('/first', (req, res) => {
  [1, 2, 3].find((n) => res.json(n));
});
