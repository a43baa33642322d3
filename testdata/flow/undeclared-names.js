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
  if (req.body.email) {
    const taken = users.find((user) => user.email === req.body.email);
    if (taken) {
      res.status(400).send('taken');
    }
  }
  next();
});

// Read by every request (the handler's body, outside any branch), the name is more likely a
// global set at startup in another file (`global.Campground = require(...)`): the walk goes on.
router.get('/campgrounds', (req, res) => {
  Campground.find({}, (err, campgrounds) => {
    if (err) {
      console.log(err);
    } else {
      res.render('campgrounds', { campgrounds });
    }
  });
});

// `typeof` asks whether the name exists and never throws.
router.get('/debug', (req, res) => {
  if (typeof DEBUG === 'undefined') {
    res.status(404).end();
  }
  res.json({ debug: true });
});

module.exports = router;
