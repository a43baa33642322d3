exports.show = async (req, res, next) => {
  let item;
  try {
    item = await Item.findById(req.params.id);
  } catch (err) {
    return next(err);
  }
  res.render('item', { item });
};
