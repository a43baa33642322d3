// Nested error-first callbacks: the inner `err` shadows the outer one; a fall-through into a callback registered later is a missing return.
router.route('/orders/:id').put(function (req, res) {
  Order.findById(req.params.id, function (err, order) {
    if (err) res.send(err);
    order.name = req.body.name;
    order.save(function (err) {
      if (err) res.send(err);
      res.json({ message: 'Order updated' });
    });
  });
});
