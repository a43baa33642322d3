// Express controller: the session store write after the answer can fail, and the catch answers again.
exports.showDashboard = async (req, res) => {
  try {
    const widgets = await loadWidgets(req.user.id);
    res.render('dashboard', { widgets });
    await sessions.touch(req.session.id);
  } catch (error) {
    console.error(error);
    res.status(500).render('error', { message: 'Dashboard unavailable' });
  }
};
