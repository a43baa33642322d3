router.get('/prices', async (req, res) => {
  const items = await Item.find();
  items.map(async (item) => {
    const price = await pricing.quote(item.sku);
    res.json({ sku: item.sku, price });
  });
});
