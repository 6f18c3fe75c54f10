import type cassandra from 'cassandra-driver';
import { InfraError } from '../../errors.ts';
import type { LiveTicket, LiveTicketStore } from '../../ports/live-ticket-store.ts';

/** Live tickets on the table of migration 6 (cassandra-schema.ts), each row living only as long as its ticket. */
export function createCassandraLiveTicketStore(
  client: cassandra.Client,
  options: { readonly keyspace: string },
): LiveTicketStore {
  const table = `${options.keyspace}.live_tickets`;
  const run = async (what: string, cql: string, params: unknown[]) => {
    try {
      return await client.execute(cql, params, { prepare: true });
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${table}`, {
        retriable: true,
        cause: error,
      });
    }
  };
  return {
    async create(ticket) {
      const ttl = Math.max(1, Math.ceil((ticket.expiresAt - Date.now()) / 1000));
      await run(
        'storing a live ticket',
        `INSERT INTO ${table} (ticket, tenant, view_id, role, subject, credential_jti, credential_exp, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ${ttl}`,
        [
          ticket.ticket,
          ticket.tenant,
          ticket.view,
          ticket.role,
          ticket.subject,
          ticket.credentialJti,
          new Date(ticket.credentialExp),
          new Date(ticket.expiresAt),
        ],
      );
    },
    async find(ticket, now) {
      const row = (
        await run('reading a live ticket', `SELECT * FROM ${table} WHERE ticket = ?`, [ticket])
      ).first();
      if (!row) return undefined;
      const found: LiveTicket = {
        ticket,
        tenant: row.get('tenant') as string,
        view: row.get('view_id') as string,
        role: row.get('role') === 'admin' ? 'admin' : 'viewer',
        subject: row.get('subject') as string,
        credentialJti: row.get('credential_jti') as string,
        credentialExp: (row.get('credential_exp') as Date).getTime(),
        expiresAt: (row.get('expires_at') as Date).getTime(),
      };
      return found.expiresAt > now ? found : undefined;
    },
  };
}
