const fs = require('fs');

module.exports = function download(req, res) {
  res.setHeader('Content-Type', 'application/octet-stream');
  fs.createReadStream(req.query.path).pipe(res);
};
