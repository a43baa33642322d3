// res.write() in a loop followed by one res.end(): one response, streamed.
async function listRows() {
  return [
    ['id', 'name'],
    ['1', 'Ada'],
    ['2', 'Grace'],
  ];
}

exports.exportCsv = async (req, res) => {
  const rows = await listRows();
  res.status(200);
  res.setHeader('Content-Type', 'text/csv');
  for (const row of rows) {
    res.write(`${row.join(',')}\n`);
  }
  res.end();
};
