import { createLogger, createMetricsRegistry } from '@tidemark/runtime';
import { describe, expect, test } from 'vitest';
import { createApp } from './app.ts';

const appWith = (kafkaUp: boolean) =>
  createApp({
    logger: createLogger('ingest', 'silent'),
    registry: createMetricsRegistry('ingest'),
    kafkaReady: async () => kafkaUp,
  });

describe('ingest ops routes', () => {
  test('/healthz answers while the process lives, whatever Kafka does', async () => {
    const response = await appWith(false).inject({ method: 'GET', url: '/healthz' });
    expect([response.statusCode, response.json()]).toEqual([200, { status: 'ok', service: 'ingest' }]);
  });

  test.each([
    [true, 200, { status: 'ready', service: 'ingest', checks: { kafka: true } }],
    [false, 503, { status: 'unavailable', service: 'ingest', checks: { kafka: false } }],
  ])('/readyz with Kafka up=%s answers %i', async (kafkaUp, status, body) => {
    const response = await appWith(kafkaUp).inject({ method: 'GET', url: '/readyz' });
    expect([response.statusCode, response.json()]).toEqual([status, body]);
  });

  test('/metrics serves Prometheus text labelled with the service', async () => {
    const response = await appWith(true).inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/process_cpu_user_seconds_total\{service="ingest"\}/);
  });
});
