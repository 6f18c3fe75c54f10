import type { EngineConfig } from '@tidemark/core';
import type { ReadinessCheck } from '@tidemark/runtime';
import type cassandra from 'cassandra-driver';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Failpoints } from './failpoints.ts';

/** What main.ts hands every role: the engines' clients and the process's logger and metrics. */
export interface RoleContext {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly engines: EngineConfig;
  readonly kafka: Kafka;
  readonly cassandra: cassandra.Client;
  readonly failpoints: Failpoints;
}

/** A running role. `stop` finishes in-flight work, commits what it covers and leaves the consumer group. */
export interface Role {
  readonly checks: readonly ReadinessCheck[];
  stop(): Promise<void>;
}
