const { getUsers, getPosts } = require('./db');

module.exports = async function list(request, response) {
  response.json(await getUsers());
  response.json(await getPosts({ limit: 10 }));
};
