import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../../domain/names.ts';
import { InfraError } from '../../errors.ts';

export interface TopicsReport {
  readonly created: string[];
  readonly existing: string[];
}

/**
 * Creates the topics that do not exist yet (idempotent; safe when several instances race). An existing
 * topic with another partition count is an error: partitions can't be removed, and adding some would split
 * one id's copies across partitions.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<TopicsReport> {
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  const existing = specs.filter((spec) => present.has(spec.name));
  if (existing.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: existing.map((spec) => spec.name) });
    for (const topic of metadata.topics) {
      const expected = existing.find((spec) => spec.name === topic.name)?.partitions;
      if (expected !== undefined && topic.partitions.length !== expected) {
        throw new InfraError(
          'KAFKA_TOPIC_MISMATCH',
          `topic ${topic.name} has ${topic.partitions.length} partitions, the configuration says ${expected}`,
          { retriable: false },
        );
      }
    }
  }
  return { created: missing.map((spec) => spec.name), existing: existing.map((spec) => spec.name) };
}
