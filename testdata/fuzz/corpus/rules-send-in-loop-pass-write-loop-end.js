const http = require('http');

http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  for (const line of ['a', 'b', 'c']) {
    res.write(line + '\n');
  }
  res.end();
});
