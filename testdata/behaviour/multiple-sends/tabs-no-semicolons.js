// Tabs and no semicolons: the fix follows the file's style.
async function getUser(id) {
	return { id, name: 'Grace' }
}

async function getTeam(id) {
	return { id, members: 4 }
}

export default async function handler(req, res) {
	const user = await getUser(req.query.user ?? 'u1')
	res.status(200).json({ user })
	const team = await getTeam(req.query.team ?? 't1')
	res.status(200).json({ team })
}
