export default async function handler(req, res) {
  // Who is asking.
  const account = await getAccount(req.query.id); // cached for 60s
  /* first answer */
  res.json({
    // the account's public fields
    account,
  });

  // Their open invoices.
  const invoices = await getInvoices(req.query.id);
  res.json({ invoices /* unpaid only */ });
}
