import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCassandraClient, createCassandraProbe } from '@tidemark/core/cassandra';
import type { Engine } from './engine.ts';
import type { EnginesEnv } from './env.ts';

// From Cassandra 5.0's conf/jvm17-server.options and bin/cassandra.in.sh: Java 17 needs these to let
// Cassandra reach JDK internals (off-heap memory, JMX, the attach API used by jamm).
const java17Access = [
  ['--add-exports', 'java.base/jdk.internal.misc'],
  ['--add-exports', 'java.management.rmi/com.sun.jmx.remote.internal.rmi'],
  ['--add-exports', 'java.management/com.sun.jmx.remote.security'],
  ['--add-exports', 'java.rmi/sun.rmi.registry'],
  ['--add-exports', 'java.rmi/sun.rmi.server'],
  ['--add-exports', 'java.sql/java.sql'],
  ['--add-exports', 'java.base/java.lang.ref'],
  ['--add-exports', 'jdk.unsupported/sun.misc'],
  ['--add-exports', 'jdk.attach/sun.tools.attach'],
  ['--add-exports', 'jdk.compiler/com.sun.tools.javac.file'],
  ['--add-opens', 'jdk.compiler/com.sun.tools.javac'],
  ['--add-opens', 'java.base/java.lang.module'],
  ['--add-opens', 'java.base/jdk.internal.loader'],
  ['--add-opens', 'java.base/jdk.internal.ref'],
  ['--add-opens', 'java.base/jdk.internal.reflect'],
  ['--add-opens', 'java.base/jdk.internal.math'],
  ['--add-opens', 'java.base/jdk.internal.module'],
  ['--add-opens', 'java.base/jdk.internal.util.jar'],
  ['--add-opens', 'jdk.management/com.sun.management.internal'],
  ['--add-opens', 'java.base/sun.nio.ch'],
  ['--add-opens', 'java.base/java.io'],
  ['--add-opens', 'java.base/java.lang.reflect'],
  ['--add-opens', 'java.base/java.lang'],
  ['--add-opens', 'java.base/java.util'],
  ['--add-opens', 'java.base/java.nio'],
].flatMap(([flag, target]) => [flag as string, `${target}=ALL-UNNAMED`]);

export function createCassandraEngine(env: EnginesEnv): Engine {
  const endpoint = env.CASSANDRA_CONTACT_POINTS ?? `127.0.0.1:${env.CASSANDRA_PORT}`;
  return {
    name: 'cassandra',
    external: env.CASSANDRA_CONTACT_POINTS,
    endpoint,
    ports: [env.CASSANDRA_PORT, env.CASSANDRA_STORAGE_PORT],
    startTimeoutMs: 180_000,
    pom: join(import.meta.dirname, '..', 'poms', 'cassandra.xml'),
    async prepare({ dir }) {
      mkdirSync(join(dir, 'data'), { recursive: true });
      mkdirSync(join(dir, 'logs'), { recursive: true });
      writeFileSync(join(dir, 'cassandra.yaml'), cassandraYaml(env));
      writeFileSync(join(dir, 'logback.xml'), logbackXml);
    },
    javaArgs: ({ dir, lib, classpath }) => [
      `-Xms${env.CASSANDRA_HEAP}`,
      `-Xmx${env.CASSANDRA_HEAP}`,
      '-Xss256k',
      '-XX:+UseThreadPriorities',
      '-XX:+UseTLAB',
      '-XX:+ResizeTLAB',
      '-XX:+PerfDisableSharedMem',
      '-XX:+UseG1GC',
      '-XX:+ParallelRefProcEnabled',
      '-XX:MaxTenuringThreshold=1',
      '-XX:G1RSetUpdatingPauseTimePercent=5',
      '-XX:MaxGCPauseMillis=300',
      '-XX:InitiatingHeapOccupancyPercent=70',
      '-Djava.net.preferIPv4Stack=true',
      '-Djdk.attach.allowAttachSelf=true',
      '-Dchronicle.analytics.disable=true',
      ...java17Access,
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-Dio.netty.allocator.useCacheForAllThreads=true',
      '-Dio.netty.allocator.maxOrder=11',
      // jamm measures object sizes for memtable accounting; its jar comes with cassandra-all.
      `-javaagent:${join(lib, 'jamm-0.4.0.jar')}`,
      `-Dcassandra.config=file://${join(dir, 'cassandra.yaml')}`,
      `-Dcassandra.storagedir=${join(dir, 'data')}`,
      `-Dcassandra.logdir=${join(dir, 'logs')}`,
      `-Dlogback.configurationFile=${join(dir, 'logback.xml')}`,
      // Without it the daemon closes stdout/stderr, and the log file stays empty.
      '-Dcassandra-foreground=yes',
      // A single seed node: no gossip settling, no fsync of system tables.
      '-Dcassandra.skip_wait_for_gossip_to_settle=0',
      '-Dcassandra.unsafesystem=true',
      '-cp',
      classpath,
      'org.apache.cassandra.service.CassandraDaemon',
    ],
    async healthy() {
      const client = createCassandraClient({
        contactPoints: endpoint.split(','),
        localDataCenter: 'datacenter1',
      });
      try {
        return await createCassandraProbe(client).check();
      } finally {
        await client.shutdown().catch(() => {});
      }
    },
  };
}

function cassandraYaml(env: EnginesEnv): string {
  return `cluster_name: 'tidemark'
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
commitlog_sync: periodic
commitlog_sync_period: 10000ms
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${env.CASSANDRA_STORAGE_PORT}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${env.CASSANDRA_STORAGE_PORT}
start_native_transport: true
native_transport_port: ${env.CASSANDRA_PORT}
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
auto_snapshot: false
memtable_allocation_type: heap_buffers
`;
}

const logbackXml = `<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
`;
