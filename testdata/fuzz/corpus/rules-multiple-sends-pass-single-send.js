export default async function handler(req, res) {
  const data = await fetchData();
  res.status(200).json(data);
}
