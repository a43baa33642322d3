app.get('/legacy', async (req, res) => {
  const rows = await db.all('SELECT 1');
  res.json(rows);
  res.end();
});
