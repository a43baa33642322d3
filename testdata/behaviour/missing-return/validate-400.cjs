// module.exports handler: two 400 guards in an else-if chain, neither returns.
const users = [];

async function saveUser({ email, password }) {
  const user = { id: String(users.length + 1), email, password };
  users.push(user);
  return user;
}

module.exports = async function createUser(req, res) {
  const { email, password } = req.body;
  if (!email || !password) {
    res.status(400).json({ error: 'email and password are required' });
  } else if (password.length < 8) {
    res.status(400).json({ error: 'password too short' });
  }
  const user = await saveUser({ email, password });
  res.status(201).json({ id: user.id, email: user.email });
};
