router.get('/prices', async (req, res) => {
  const items = await Item.find();
  const prices = await Promise.all(items.map((item) => pricing.quote(item.sku)));
  res.json(prices);
});
