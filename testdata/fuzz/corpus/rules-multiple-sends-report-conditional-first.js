export default async function handler(req, res) {
  const data = await load();
  data ? res.json(data) : res.json({ empty: true });
  const more = await loadMore();
  res.json(more);
}
