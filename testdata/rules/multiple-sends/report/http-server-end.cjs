const http = require("http");
const { checkHealth, readVersion } = require("./status");

http.createServer(async (incoming, outgoing) => {
  const health = await checkHealth();
  outgoing.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(health));
  const version = await readVersion();
  outgoing.end(JSON.stringify(version));
}).listen(3000);
