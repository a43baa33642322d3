// `next` handed on as a value answers, like `next()`.
app.use((req, res, next) => {
  setImmediate(next);
});

app.use((req, res, next) => {
  requestContext.run({ id: req.id }, next);
});

app.use((req, res, next) => {
  loadSession(req).then(next).catch(next);
});
