export default async function handler(req, res) {
  const responses = await Promise.all(urls.map((url) => fetch(url)));
  const bodies = await Promise.all(responses.map((res) => res.json()));
  res.json(bodies);
}
