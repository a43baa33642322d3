export default async function handler(req, res) {
	if (req.method === "GET") {
		const a = await first();
		res.json(a);
		const b = await second();
		res.json(b);
	}
}
