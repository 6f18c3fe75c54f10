import type { Client } from '@opensearch-project/opensearch';

/** Readiness: the cluster is at least yellow (every primary shard assigned). */
export function createOpenSearchProbe(client: Client): { check(): Promise<boolean> } {
  return {
    async check() {
      try {
        const { body } = await client.cluster.health({ timeout: '2s' });
        return body.status === 'green' || body.status === 'yellow';
      } catch {
        return false;
      }
    },
  };
}
