// A handler with `next`: the new catch passes the error on to the app's error middleware.
router.get('/dashboard', async (req, res, next) => {
  const stats = await getStats(req.user.id);
  res.status(200).send(stats);
  const alerts = await listAlerts(req.user.id);
  return res.status(200).send(alerts);
});
