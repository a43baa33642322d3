import type { NextApiResponse } from 'next';
import type Stripe from 'stripe';

// Called by the webhook handler, which answers after it returns.
export async function onSubscriptionDeleted(event: Stripe.Event, res: NextApiResponse) {
  await markCancelled(event.data.object.id);
  if (event.livemode === false) {
    return res.status(200).send('test event ignored');
  }
}
