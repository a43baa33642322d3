app.post('/sync', (req, res) => {
  crm.push(req.body, (err) => {
    if (err) return res.status(502).json({ error: 'crm failed' });
    res.json({ crm: 'ok' });
  });
  billing.push(req.body, (err) => {
    if (err) return res.status(502).json({ error: 'billing failed' });
    res.json({ billing: 'ok' });
  });
});
