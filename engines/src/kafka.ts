import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka, createKafkaProbe } from '@tidemark/core/kafka';
import type { Engine } from './engine.ts';
import type { EnginesEnv } from './env.ts';
import { runToEnd } from './processes.ts';

// Any fixed base64url UUID will do for a single local cluster; this is the official image's default.
const clusterId = '5L6g3nShT-eMCtK--X86sw';

export function createKafkaEngine(env: EnginesEnv, java: string): Engine {
  const endpoint = env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT}`;
  const jvm = (dir: string) => [
    `-Xms${env.KAFKA_HEAP}`,
    `-Xmx${env.KAFKA_HEAP}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${join(dir, 'logs')}`,
  ];
  return {
    name: 'kafka',
    external: env.KAFKA_BROKERS,
    endpoint,
    ports: [env.KAFKA_PORT, env.KAFKA_CONTROLLER_PORT],
    startTimeoutMs: 90_000,
    pom: join(import.meta.dirname, '..', 'poms', 'kafka.xml'),
    async prepare({ dir, classpath }) {
      mkdirSync(join(dir, 'data'), { recursive: true });
      writeFileSync(join(dir, 'server.properties'), serverProperties(env, join(dir, 'data')));
      writeFileSync(join(dir, 'log4j2.properties'), log4j2Properties);
      // --ignore-formatted makes the format step a no-op on an existing data folder.
      await runToEnd(java, [
        ...jvm(dir),
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '--cluster-id',
        clusterId,
        '--config',
        join(dir, 'server.properties'),
        '--ignore-formatted',
      ]);
    },
    javaArgs: ({ dir, classpath }) => [
      ...jvm(dir),
      '-cp',
      classpath,
      'kafka.Kafka',
      join(dir, 'server.properties'),
    ],
    async healthy() {
      const probe = createKafkaProbe(
        createKafka({ brokers: endpoint.split(','), clientId: 'tidemark-engines' }),
      );
      try {
        return await probe.check();
      } finally {
        await probe.close().catch(() => {});
      }
    },
  };
}

// One combined broker + controller with a static quorum (no --standalone needed when formatting).
// Internal topics get one replica; the apps' own topics are created by migrate, never automatically.
function serverProperties(env: EnginesEnv, dataDir: string): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${env.KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${env.KAFKA_PORT},CONTROLLER://127.0.0.1:${env.KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${env.KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${dataDir}
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
`;
}

const log4j2Properties = `status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = STDOUT
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = INFO
`;
