app.get('/files/:file(*)', function (req, res, next) {
  res.download(req.params.file, { root: FILES_DIR }, function (err) {
    if (!err) return;
    if (err.status !== 404) return next(err);
    res.statusCode = 404;
    res.send('Cant find that file, sorry!');
  });
});
