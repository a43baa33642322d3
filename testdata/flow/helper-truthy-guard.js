// A helper that redirects and returns true, or returns false without answering: the handler
// returns when it returns true, so the helper's redirect and the handler's own answers never
// meet.
const db = require('./db');

function requireLogin(req, res) {
  if (!req.session.user) {
    res.redirect('/login');
    return true;
  }
  return false;
}

app.get('/boards/:page', (req, res) => {
  if (requireLogin(req, res)) {
    return;
  }
  db.boards.page(req.params.page, (err, boards) => {
    if (err) return res.status(500).send('failed');
    res.render('boards', { boards });
  });
});

// A top-level helper's callback names its own result `res`: it is not the handler's response.
const upload = (file) =>
  new Promise((resolve) => {
    db.files.upload(file, (err, res) => {
      if (err) return res.status(400).json({ message: 'upload failed' });
      resolve(res.url);
    });
  });

app.post('/images', async (req, res) => {
  const urls = [];
  for (const file of req.files) {
    urls.push(await upload(file));
  }
  res.json(urls);
});
