// A .then callback that returns its 404 before the success send, and .catch(next).
async function loadItem(id) {
  return id === 'i1' ? { id, name: 'Lamp' } : null;
}

exports.show = (req, res, next) => {
  loadItem(req.params.id)
    .then((item) => {
      if (!item) return res.status(404).json({ error: 'no such item' });
      res.json(item);
    })
    .catch(next);
};
