const fs = require('fs');

app.get('/file', (req, res) => {
  const stream = fs.createReadStream(req.query.path);
  stream.on('error', () => res.status(404).end('missing'));
  stream.on('end', () => res.end());
  stream.pipe(res);
});
