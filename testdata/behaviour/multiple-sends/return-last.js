// exports.dashboard: the last send is returned; the return is kept.
async function getSummary(userId) {
  return { userId, open: 3, closed: 12 };
}

async function getAlerts(userId) {
  return [{ userId, level: 'warn', text: 'disk almost full' }];
}

exports.dashboard = async (req, res) => {
  const userId = (req.user && req.user.id) || 'anonymous';
  const summary = await getSummary(userId);
  res.json(summary);
  const alerts = await getAlerts(userId);
  return res.json(alerts);
};
