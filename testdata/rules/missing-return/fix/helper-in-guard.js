// `notFound` sends through `fail`: the guard answers, then falls through to the second send.
function fail(reply, status) {
  reply.status(status).json({ error: 'failed' });
}

function notFound(reply) {
  fail(reply, 404);
}

app.get('/users/:id', async (q, s) => {
  const user = await loadUser(q.params.id);
  if (!user) {
    notFound(s);
  }
  s.json(user);
});
