// `send` with a string sends text/html; combined into an object it would become JSON.
app.get('/page', async (req, res) => {
  const header = await renderHeader();
  res.send(`<header>${header}</header>`);
  const body = await renderBody();
  res.send(body);
});
