// An awaited call that also takes a callback: the library may reject as well as call back, so
// the send after the await is not paired with the callback's answer.
app.post('/complaints', async (req, res) => {
  await uploader.upload(req.file.path, (err, data) => {
    if (err) res.status(500).send({ message: 'upload failed' });
  });
  res.status(201).json({ ok: true });
});
