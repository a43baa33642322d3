const express = require('express');
const { getUser, getOrdersByUser, createUser } = require('../../lib/db');

const router = express.Router();

router.get('/users/:id', async (req, res) => {
  const user = await getUser(req.params.id);
  res.json(user);

  const orders = await getOrdersByUser(req.params.id);
  res.json(orders);
});

router.post('/users', async (req, res) => {
  const { name, email } = req.body;
  if (!name || !email) {
    return res.status(400).json({ error: 'name and email are required' });
  }

  const user = await createUser({ name, email });
  res.status(201).json(user);
});

module.exports = router;
