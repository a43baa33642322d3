// `res.json(await getUsers())`: the bodies get readable keys.
async function getUsers() {
  return [{ id: '1', name: 'Ada' }];
}

async function getPosts({ limit }) {
  return [{ id: 'p1', title: 'Hello' }].slice(0, limit);
}

module.exports = async function list(request, response) {
  response.json(await getUsers());
  response.json(await getPosts({ limit: 10 }));
};
