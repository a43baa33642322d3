const express = require("express");
const usersRouter = require("./routes/users");

const app = express();
const port = Number(process.env.PORT) || 4000;

app.use(express.json());
app.use("/api", usersRouter);

app.get("/healthz", (req, res) => {
  res.send("ok");
});

// Last in the chain: anything that throws or calls next(err) ends up here.
app.use((err, req, res, next) => {
  console.error(err);
  if (res.headersSent) {
    return next(err);
  }
  res.status(500).json({ error: "Internal Server Error" });
});

if (require.main === module) {
  app.listen(port, () => console.log(`API listening on http://localhost:${port}`));
}

module.exports = app;
