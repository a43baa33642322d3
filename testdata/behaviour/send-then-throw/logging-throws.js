// Express controller: the log line after res.send reads req.user.email, which throws without a user.
async function renderReport(id) {
  return { id, html: `<h1>Report ${id}</h1>` };
}

const reports = {
  async build(id) {
    return renderReport(id);
  },
};

exports.getReport = async (req, res) => {
  try {
    const report = await reports.build(req.params.id);
    res.send(report.html);
    console.info(`report ${report.id} sent to ${req.user.email}`);
  } catch (e) {
    console.error(e);
    res.status(500).send('Could not build report');
  }
};
