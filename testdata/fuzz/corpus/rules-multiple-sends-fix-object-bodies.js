import { countUsers, countOrders, revenue } from '../../lib/stats'

export default async function stats(req, res) {
  const users = await countUsers()
  res.json({ users })

  const orders = await countOrders()
  const total = await revenue()
  res.json({ orders, total: total.toFixed(2) })
}
