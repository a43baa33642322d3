export default async function handler(req, res) {
  const created = await saveDraft(req.body);
  res.status(201).json(created);
  const drafts = await listDrafts();
  res.status(200).json(drafts);
}
