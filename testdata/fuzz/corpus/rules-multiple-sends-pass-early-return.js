router.post('/users', async (req, res) => {
  if (!req.body.email) {
    return res.status(400).json({ error: 'email is required' });
  }
  const user = await createUser(req.body);
  return res.status(201).json(user);
});
