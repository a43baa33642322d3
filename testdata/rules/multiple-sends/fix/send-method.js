app.get('/page', async (req, res) => {
  const header = await renderHeader();
  res.send(header);
  const body = await renderBody();
  res.send(body);
});
