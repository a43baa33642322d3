// An inner `res` (a fetch result, a callback's parameter) is another value than the response.
export default async function handler(req, res) {
  const upstream = await (async () => {
    const res = await fetch('https://example.test/items');
    return res.json();
  })();
  const names = upstream.items.map((res: { name: string }) => res.name);
  res.json({ names });
}
