// The catch answers 409 for duplicates and 500 otherwise; linking the referral after the 201 can throw either.
async function createUser(body) {
  if (body.email === 'taken@example.com') {
    const err = new Error('email taken');
    err.code = 'DUPLICATE';
    throw err;
  }
  return { id: 'u1', email: body.email };
}

async function linkReferral(user, ref) {
  if (ref === 'used') {
    const err = new Error('referral already linked');
    err.code = 'DUPLICATE';
    throw err;
  }
  return { user: user.id, ref };
}

export default async function handler(req, res) {
  try {
    const user = await createUser(req.body);
    res.status(201).json(user);
    await linkReferral(user, req.body.ref);
  } catch (error) {
    if (error.code === 'DUPLICATE') {
      return res.status(409).json({ error: error.message });
    }
    res.status(500).json({ error: 'signup failed' });
  }
}
