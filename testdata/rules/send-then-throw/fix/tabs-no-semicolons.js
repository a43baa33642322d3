app.put('/profile', async (req, res, next) => {
	try {
		const profile = await saveProfile(req.user.id, req.body)
		res.json(profile)
		await audit('profile.updated', req.user.id)
	} catch (err) {
		res.status(500).json({ error: 'update failed' })
	}
})
