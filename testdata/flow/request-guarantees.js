// What the framework guarantees of the request: the body is an object, a parameter an endpoint
// reads is one its route declares, and a filtered list is an array, never undefined.
exports.updateNote = (req, res) => {
  if (!req.body) {
    res.status(400).json({ error: 'empty body' });
  }
  res.json(saveNote(req.params.id, req.body));
};

exports.getNote = async (req, res) => {
  const { noteId } = req.params;
  if (noteId) {
    return res.json(await findNote(noteId));
  }
};

exports.listTagged = (req, res) => {
  const tagged = notes.filter((note) => note.tags.includes(req.query.tag));
  if (tagged === undefined) {
    res.status(404).json({ error: 'none' });
  }
  res.json(tagged);
};

// A middleware can be mounted on routes without the parameter: nothing is assumed.
module.exports.loadNote = (req, res, next) => {
  if (req.params.id) {
    return next();
  }
};
