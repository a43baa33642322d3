export default async (req, res) => {
  try {
    const data = await load();
    res.json(data);
    await audit(data);
  } catch (error) {
    console.error(error);
  }
};
