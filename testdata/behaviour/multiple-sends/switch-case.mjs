// The double send is inside a case block that then breaks.
async function getBalance(account) {
  return { account, amount: 12 };
}

async function getLimits(account) {
  return { account, daily: 500 };
}

export default async function handler(req, res) {
  switch (req.method) {
    case 'GET': {
      const balance = await getBalance(req.query.account ?? 'a1');
      res.json({ balance });
      const limits = await getLimits(req.query.account ?? 'a1');
      res.json({ limits });
      break;
    }
    default:
      res.setHeader('Allow', 'GET');
      res.status(405).end();
  }
}
