exports.poll = async (req, res) => {
  let job = await Job.findById(req.params.id);
  while (job.status !== 'done') {
    res.write('.');
    job = await Job.findById(req.params.id);
    res.json({ status: job.status });
  }
};
