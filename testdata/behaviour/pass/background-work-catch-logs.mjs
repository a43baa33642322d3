// Answer early, then do background work whose catch only logs.
async function createSignup(email) {
  return { id: 's1', email };
}

async function sendWelcomeEmail(signup) {
  console.log(`welcome mail to ${signup.email}`);
}

export default async function handler(req, res) {
  const signup = await createSignup(req.body.email ?? 'ada@example.com');
  res.status(202).json({ id: signup.id });
  try {
    await sendWelcomeEmail(signup);
  } catch (error) {
    console.error('welcome mail failed', error);
  }
}
