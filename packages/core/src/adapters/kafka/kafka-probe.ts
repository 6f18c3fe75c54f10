import type { Kafka } from 'kafkajs';

/** A cheap readiness check: one metadata request, no retries, so /readyz answers quickly when Kafka is down. */
export function createKafkaProbe(kafka: Kafka): { check(): Promise<boolean>; close(): Promise<void> } {
  const admin = kafka.admin({ retry: { retries: 0 } });
  let connected: Promise<void> | undefined;
  return {
    async check() {
      try {
        connected ??= admin.connect();
        await connected;
        return (await admin.describeCluster()).brokers.length > 0;
      } catch {
        connected = undefined;
        return false;
      }
    },
    close: () => admin.disconnect(),
  };
}
