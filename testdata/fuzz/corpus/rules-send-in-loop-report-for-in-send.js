app.get('/config', (req, res) => {
  for (const key in config) {
    res.send(`${key}=${config[key]}`);
  }
});
