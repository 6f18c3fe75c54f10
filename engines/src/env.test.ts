import { describe, expect, test } from 'vitest';
import { parseEnginesEnv } from './env.ts';

describe('parseEnginesEnv', () => {
  test('defaults to the standard local ports and modest heaps', () => {
    const env = parseEnginesEnv({ TIDEMARK_HOME: '/tmp/tm' });
    expect(env).toMatchObject({
      TIDEMARK_HOME: '/tmp/tm',
      KAFKA_PORT: 9092,
      CASSANDRA_PORT: 9042,
      OPENSEARCH_PORT: 9200,
      KAFKA_HEAP: '512m',
      CASSANDRA_HEAP: '1g',
      OPENSEARCH_HEAP: '512m',
    });
    expect(env.KAFKA_BROKERS).toBeUndefined();
  });

  test('lists every bad variable in one error', () => {
    const parse = () =>
      parseEnginesEnv({ KAFKA_PORT: '70000', CASSANDRA_HEAP: 'lots', OPENSEARCH_URL: 'nope' });
    expect(parse).toThrow(/^invalid engines environment:/);
    expect(parse).toThrow(/KAFKA_PORT: /);
    expect(parse).toThrow(/CASSANDRA_HEAP: a JVM heap size such as 512m or 1g/);
    expect(parse).toThrow(/OPENSEARCH_URL: /);
  });
});
