router.post('/login', async (req, res) => {
  const user = await User.findOne({ username: req.body.username });
  !user && res.status(401).json('Wrong credentials!');

  const valid = await user.checkPassword(req.body.password);
  valid || res.status(401).json('Wrong credentials!');
  res.status(200).json({ token: sign(user) });
});
