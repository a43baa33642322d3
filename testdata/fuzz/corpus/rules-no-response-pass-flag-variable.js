exports.find = async (req, res) => {
  const rows = await db.rows();
  let found = false;
  for (const row of rows) {
    if (row.id === req.params.id) {
      res.json(row);
      found = true;
      break;
    }
  }
  if (!found) res.status(404).end();
};
