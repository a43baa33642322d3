// Branches send inside the try, then background work; the catch only logs.
async function getQuote(symbol) {
  return symbol === 'ACME' ? { symbol, price: 12.5 } : null;
}

async function rememberLookup(symbol) {
  console.log(`lookup remembered: ${symbol}`);
}

export default async function handler(req, res) {
  const symbol = req.query.symbol ?? 'ACME';
  const quote = await getQuote(symbol);
  try {
    if (quote) {
      res.status(200).json(quote);
    } else {
      res.status(404).json({ error: 'unknown symbol' });
    }
    await rememberLookup(symbol);
  } catch (error) {
    console.error('lookup bookkeeping failed', error);
  }
}
