app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) res.status(401).json({ error: 'Unknown user' });
  else if (!user.active) res.status(403).json({ error: 'Inactive' }); // locked out
  res.json({ token: sign(user) });
});
