export default async function handler(req, res) {
  const users = await listUsers();
  for (const user of users) {
    res.json(user);
  }
}
