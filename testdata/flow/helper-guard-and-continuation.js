// A helper that returns null whenever it answers: the caller returns on a falsy result, so the
// helper's answer is the only one on its paths.
async function requireMember(req, res) {
  const member = await Member.findOne({ where: { id: req.body.chatId } });
  if (!member) {
    res.status(403).json({ message: 'forbidden' });
    return null;
  }
  return member;
}

export async function upload(req, res) {
  const member = await requireMember(req, res);
  if (!member) return;
  await store(member, req.files);
  res.json({ ok: true });
}

// A helper that answers or calls its callback, never both: the callback's answer comes instead of
// the helper's.
function allowedToJoin(req, res, cb) {
  if (!req.token) return res.status(403).send('connect your account first');
  graph.get(req.token, (err, group) => {
    if (err) return res.status(500).send(err);
    return cb(group);
  });
}

export function join(req, res) {
  allowedToJoin(req, res, (group) => {
    res.json(group);
  });
}
