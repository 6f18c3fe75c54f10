import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpenSearchClient, createOpenSearchProbe } from '@tidemark/core/opensearch';
import type { Engine } from './engine.ts';
import type { EnginesEnv } from './env.ts';

export function createOpenSearchEngine(env: EnginesEnv): Engine {
  const endpoint = env.OPENSEARCH_URL ?? `http://127.0.0.1:${env.OPENSEARCH_PORT}`;
  return {
    name: 'opensearch',
    external: env.OPENSEARCH_URL,
    endpoint,
    ports: [env.OPENSEARCH_PORT, env.OPENSEARCH_TRANSPORT_PORT],
    startTimeoutMs: 120_000,
    pom: join(import.meta.dirname, '..', 'poms', 'opensearch.xml'),
    async prepare({ dir }) {
      // The runner copies its own (empty) opensearch.yml only when none exists, so ours is kept.
      const config = join(dir, 'home', 'node_1', 'config');
      mkdirSync(config, { recursive: true });
      writeFileSync(join(config, 'opensearch.yml'), openSearchYml(env));
    },
    javaArgs: ({ dir, classpath }) => [
      `-Xms${env.OPENSEARCH_HEAP}`,
      `-Xmx${env.OPENSEARCH_HEAP}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      '-Dfile.encoding=UTF-8',
      '-Djava.locale.providers=SPI,COMPAT',
      '-Dlog4j2.formatMsgNoLookups=true',
      '-cp',
      classpath,
      'org.codelibs.opensearch.runner.OpenSearchRunner',
      '-basePath',
      join(dir, 'home'),
      '-numOfNode',
      '1',
      // Node i listens on baseHttpPort + i.
      '-baseHttpPort',
      String(env.OPENSEARCH_PORT - 1),
      '-clusterName',
      'tidemark',
    ],
    async healthy() {
      const client = createOpenSearchClient({ node: endpoint, requestTimeoutMs: 5000 });
      try {
        return await createOpenSearchProbe(client).check();
      } finally {
        await client.close().catch(() => {});
      }
    },
  };
}

// One node, bound to loopback. The disk watermarks are off because shared dev machines can run low on
// disk, which would otherwise turn every index read-only with no visible cause.
function openSearchYml(env: EnginesEnv): string {
  return `discovery.type: single-node
network.host: 127.0.0.1
transport.port: ${env.OPENSEARCH_TRANSPORT_PORT}
cluster.routing.allocation.disk.threshold_enabled: false
`;
}
