export default async (req, res) => {
  try {
    const invite = await createInvite(req.body.email);
    res.status(201).json(invite);
    await sendInviteEmail(invite);
  } catch (error) {
    console.error('invite failed', error);
    res.status(500).json({ error: 'invite failed' });
  }
};
