// The invite is answered 201, then sending the e-mail fails.
async function createInvite(email) {
  return { id: 'inv1', email: email ?? 'ada@example.com' };
}

async function sendInviteEmail(invite) {
  return { queued: invite.id };
}

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
