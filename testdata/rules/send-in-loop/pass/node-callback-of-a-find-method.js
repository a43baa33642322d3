// A service method called `find` that takes a Node-style callback after the id: the callback runs
// once, not per element as with `Array.prototype.find(callback)` (whose callback comes first).
router.put('/audits/:id', (req, res) => {
  svc.find(req.params.id, (err, doc) => {
    if (err) {
      return res.status(500).send(err.message);
    }
    res.json(doc);
  });
});
