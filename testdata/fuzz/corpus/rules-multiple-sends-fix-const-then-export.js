const handler = async (q, s) => {
  const products = await getProducts();
  s.status(200).json(products);
  const categories = await getCategories();
  s.status(200).json(categories);
};

export default handler;
