// Local helpers that send, always called as `return helper(res, ...)`.
function unauthorized(res) {
  return res.status(401).json({ error: 'unauthorized' });
}

function badRequest(res, message) {
  return res.status(400).json({ error: message });
}

async function findAccount(id) {
  return id === 'a1' ? { id, balance: 10 } : null;
}

module.exports = async function withdraw(req, res) {
  if (!req.headers.authorization) return unauthorized(res);
  const amount = Number(req.body.amount);
  if (!Number.isFinite(amount) || amount <= 0) return badRequest(res, 'amount must be positive');
  const account = await findAccount(req.body.account);
  if (!account) return badRequest(res, 'unknown account');
  if (account.balance < amount) return badRequest(res, 'insufficient funds');
  res.status(200).json({ balance: account.balance - amount });
};
