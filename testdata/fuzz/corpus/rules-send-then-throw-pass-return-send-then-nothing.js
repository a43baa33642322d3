router.get('/me', async (req, res) => {
  try {
    const me = await User.findById(req.user.id);
    return res.json(me);
  } catch (err) {
    return res.status(500).json({ error: 'lookup failed' });
  }
});
