exports.update = async (req, res) => {
  try {
    const user = await User.update(req.params.id, req.body);
    await cache.del(`user:${user.id}`);
    res.json(user);
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
};
