// The seed: two awaited values, two sends in sequence.
export default async function handler(req, res) {
  const first = await loadFirst();
  res.json(first);

  const second = await loadSecond();
  res.json(second);
}
