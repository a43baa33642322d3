router.get('/user/:id', (req, res) => {
  User.findById(req.params.id)
    .then((user) => res.json(user))
    .catch((err) => res.status(500).json({ error: err.message }));
});
