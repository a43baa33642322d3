// A module that requires its helpers: a name it never declares throws a ReferenceError when read.
const express = require('express');
const Beta = require('./beta.model');

const router = express.Router();

// In a Node-style callback nothing catches it: the save error's path is never answered.
router.post('/:id/deactivate', (req, res) => {
  Beta.findById(req.params.id, (err, beta) => {
    if (!beta) return res.status(404).json({ message: 'not found' });
    beta.save((err) => {
      if (err) return validationError(res, err);
      res.sendStatus(200);
    });
  });
});

// In the handler's own body it is the handler's throw, which Express answers: the send after
// the missing `return` is never reached.
router.post('/check', (req, res, next) => {
  const taken = users.find((user) => user.email === req.body.email);
  if (taken) {
    res.status(400).send('taken');
  }
  next();
});

// `typeof` asks whether the name exists and never throws.
router.get('/debug', (req, res) => {
  if (typeof DEBUG === 'undefined') {
    res.status(404).end();
  }
  res.json({ debug: true });
});

module.exports = router;
