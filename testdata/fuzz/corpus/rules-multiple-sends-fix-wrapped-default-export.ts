import { withAuth } from '@/lib/auth';
import { withErrorLogging } from '@/lib/logging';

export default withErrorLogging(
  withAuth(async (request, reply) => {
    const orgs = await fetchOrgs(request.session.userId);
    reply.json(orgs);
    const invites = await fetchInvites(request.session.userId);
    reply.json(invites);
  }),
);
