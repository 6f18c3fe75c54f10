import type cassandra from 'cassandra-driver';

/** Readiness: the cluster answers a query on a system table. */
export function createCassandraProbe(client: cassandra.Client): { check(): Promise<boolean> } {
  return {
    async check() {
      try {
        const result = await client.execute('SELECT release_version FROM system.local');
        return result.rowLength === 1;
      } catch {
        return false;
      }
    },
  };
}
