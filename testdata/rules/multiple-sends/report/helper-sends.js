// The handler's own body has no send: both go through `fail`, declared at the top level.
function fail(reply, status) {
  reply.status(status).json({ error: 'failed' });
}

app.delete('/items/:id', async (q, s) => {
  fail(s, 400);
  fail(s, 404);
});
