// The send is the last thing in the try: if it throws, nothing was sent, so the catch may answer.
async function loadInvoice(id) {
  return { id, amount: 99 };
}

export default async function handler(req, res) {
  try {
    const invoice = await loadInvoice(req.query.id ?? 'i1');
    res.status(200).json({ invoice });
  } catch (error) {
    console.error(error);
    res.status(500).json({ error: 'could not load invoice' });
  }
}
