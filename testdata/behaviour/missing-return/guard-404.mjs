// pages/api/projects/[id].js: the 404 guard forgets to return.
const projects = {
  '1': { id: '1', name: 'Apollo', owner: 'ada' },
};

async function getProject(id) {
  return projects[id] ?? null;
}

export default async function handler(req, res) {
  const project = await getProject(req.query.id);
  if (!project) {
    res.status(404).json({ error: 'Not found' });
  }
  res.status(200).json(project);
}
