// A .map callback whose own `res` parameter shadows the handler's response.
async function fetchAll(urls) {
  return urls.map((url) => ({ url, status: 200, json: () => ({ url }) }));
}

export default async function handler(req, res) {
  const responses = await fetchAll(['/a', '/b', '/c']);
  const bodies = responses.map((res) => res.json());
  res.status(200).json({ bodies });
}
