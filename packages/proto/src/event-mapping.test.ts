import type { TrackedEvent } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { decodeEventBatch, decodeTrackedEvent, encodeTrackedEvent } from './event-mapping.ts';
import { tidemark } from './generated/tidemark.js';
import { fullEvent } from './testing.ts';

describe('TrackedEvent ↔ tidemark.v1.Event', () => {
  test.each([
    ['every field set, zero and false values kept', fullEvent],
    [
      'only the required fields',
      {
        ...fullEvent,
        userId: undefined,
        anonymousId: undefined,
        sessionId: undefined,
        properties: {},
        context: { transport: 'beacon' },
      },
    ],
  ] as [string, TrackedEvent][])('%s round-trips exactly', (_, event) => {
    const expected = JSON.parse(JSON.stringify(event));
    expect(decodeTrackedEvent(encodeTrackedEvent(event))).toEqual(expected);
  });

  test('bytes that are not an Event fail to decode', () => {
    expect(() => decodeTrackedEvent(new Uint8Array([0xff, 0xff, 0xff]))).toThrow();
  });
});

describe('decodeEventBatch', () => {
  test('maps each event to the JSON shape (snake_case, no tenant)', () => {
    const bytes = tidemark.v1.EventBatch.encode({
      seq: 42,
      sentAt: 5000,
      events: [
        {
          id: fullEvent.id,
          tenant: 'forged',
          name: 'purchase',
          timestamp: 1000,
          sentAt: 2000,
          userId: 'u-1',
          properties: { price: { numberValue: 9.5 }, ok: { boolValue: true } },
          context: { sdkName: 'tidemark-go', sdkVersion: '0.1.0' },
        },
        { name: 'bare' },
      ],
    }).finish();
    const { events, ...batch } = decodeEventBatch(bytes);
    expect(batch).toEqual({ seq: 42, sentAt: 5000 });
    expect(events).toEqual([
      {
        id: fullEvent.id,
        name: 'purchase',
        timestamp: 1000,
        sent_at: 2000,
        user_id: 'u-1',
        properties: { price: 9.5, ok: true },
        context: { sdk: { name: 'tidemark-go', version: '0.1.0' } },
      },
      { name: 'bare', properties: {} },
    ]);
  });

  test('garbage is refused', () => {
    expect(() => decodeEventBatch(new TextEncoder().encode('{"events": []}'))).toThrow();
  });
});
