router.get('/user/:id', (req, res) => {
  User.findById(req.params.id)
    .then((user) => {
      if (!user) return res.status(404).json({ error: 'not found' });
      return user.populate('posts');
    })
    .then((user) => res.json(user));
});
