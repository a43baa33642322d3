// The 400 is in the else branch; the success response after the if/else runs for both.
exports.subscribe = async (req, res) => {
  const { email } = req.body;
  if (typeof email === 'string' && email.includes('@')) {
    console.log(`subscribing ${email}`);
  } else {
    res.status(400).json({ error: 'a valid email is required' });
  }
  res.json({ subscribed: true });
};
