export default async function handler(req, res) {
  const results = await Promise.all(urls.map((url) => fetch(url).then((res) => res.json())));
  res.json(results);
}
