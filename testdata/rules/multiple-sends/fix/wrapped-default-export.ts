import { withAuth } from '@/lib/auth';
import { withErrorLogging } from '@/lib/logging';
import { fetchInvites, fetchOrgs } from '@/lib/orgs';

export default withErrorLogging(
  withAuth(async (request, reply) => {
    const orgs = await fetchOrgs(request.session.userId);
    reply.json(orgs);
    const invites = await fetchInvites(request.session.userId);
    reply.json(invites);
  }),
);
