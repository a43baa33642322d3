exports.dashboard = async (req, res) => {
  const summary = await getSummary(req.user.id);
  res.json(summary);
  const alerts = await getAlerts(req.user.id);
  return res.json(alerts);
};
