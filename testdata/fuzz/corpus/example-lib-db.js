// In-memory stand-in for the real database client (demo data only).
const users = [
  { id: '1', name: 'Ada Lovelace', email: 'ada@example.com', password: 'engine' },
  { id: '2', name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol' },
];
const posts = [
  { id: 'p1', authorId: '1', title: 'Notes on the Analytical Engine' },
  { id: 'p2', authorId: '2', title: 'Finding the first bug' },
];
const orders = [{ id: 'o1', userId: '1', total: 42.5, status: 'shipped' }];

const publicUser = ({ password, ...user }) => user;

async function getUser(id) {
  const user = users.find((u) => u.id === id);
  if (!user) throw new Error(`User ${id} not found`);
  return publicUser(user);
}

async function getPostsByUser(userId) {
  return posts.filter((p) => p.authorId === userId);
}

async function getOrdersByUser(userId) {
  return orders.filter((o) => o.userId === userId);
}

async function createUser({ name, email }) {
  const user = { id: String(users.length + 1), name, email, password: '' };
  users.push(user);
  return publicUser(user);
}

async function verifyCredentials(email, password) {
  const user = users.find((u) => u.email === email && u.password === password);
  return user ? publicUser(user) : null;
}

module.exports = { getUser, getPostsByUser, getOrdersByUser, createUser, verifyCredentials };
