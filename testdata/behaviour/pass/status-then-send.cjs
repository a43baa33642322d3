// res.status(201) alone is not a send; the one send comes after.
async function insertComment(body) {
  return { id: 'c1', text: body.text ?? '' };
}

module.exports = async function postComment(req, res) {
  res.status(201);
  res.setHeader('Location', '/comments/c1');
  const comment = await insertComment(req.body);
  res.json(comment);
};
