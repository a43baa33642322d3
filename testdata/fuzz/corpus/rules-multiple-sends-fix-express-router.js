const express = require('express');
const { getOrder, getInvoice } = require('../services/orders');

const router = express.Router();

router.get('/orders/:id', requireAuth, async (req, res, next) => {
  const order = await getOrder(req.params.id);
  res.json(order);

  const invoice = await getInvoice(req.params.id);
  res.json(invoice);
});

module.exports = router;
