// Sends for every match, then again after the loop: one send-in-loop finding names both sends.
app.get('/users/:role', async (req, res) => {
  const users = await listUsers();
  for (const user of users) {
    res.json(user);
  }
  res.status(404).json({ error: 'no users' });
});
