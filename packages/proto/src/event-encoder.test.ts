import type { PropertyValue, TrackedEvent, Transport } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { encodeTrackedEvents } from './event-encoder.ts';
import { tidemark } from './generated/tidemark.js';
import { encodeWithGenerated, fullEvent } from './testing.ts';

const Wire = tidemark.v1;

const base: TrackedEvent = {
  ...fullEvent,
  userId: undefined,
  anonymousId: undefined,
  sessionId: undefined,
  properties: {},
  context: { transport: 'http' },
};

describe('encodeTrackedEvents writes the bytes of the generated encoder', () => {
  test.each([
    ['the required fields only', base],
    [
      'every field, with zero, false, empty and negative values',
      {
        ...base,
        timestamp: 0,
        sentAt: -86_400_000,
        userId: 'u-1',
        anonymousId: 'a-1',
        sessionId: 's-1',
        properties: { sku: 'X-1', price: 0, ratio: -0.25, discounted: false, gift: true, note: '' },
        context: {
          transport: 'comet-poll',
          userAgent: 'ua',
          ip: '10.0.0.1',
          sdkName: 'tidemark-js',
          sdkVersion: '1.0.0',
        },
      },
    ],
    [
      'non-ASCII text, short and long: accents, CJK, emoji',
      {
        ...base,
        name: 'café ☕ 注文',
        userId: '🙂'.repeat(30),
        properties: { 'clé ü': 'ß'.repeat(42), 長い: '漢'.repeat(50), e: '👍🏽' },
      },
    ],
    [
      'fields longer than 127 bytes (two-byte lengths at every level)',
      {
        ...base,
        name: 'n'.repeat(200),
        properties: { long: 'x'.repeat(8192), ['k'.repeat(128)]: 'v'.repeat(130) },
        context: { transport: 'websocket', userAgent: 'Mozilla/5.0 '.repeat(40) },
      },
    ],
    [
      'an event over 16 KiB (three-byte lengths)',
      {
        ...base,
        properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, 'y'.repeat(8000)])),
      },
    ],
  ] as [string, TrackedEvent][])('%s', (_, event) => {
    const [bytes] = encodeTrackedEvents([event]);
    expect(Buffer.from(bytes as Uint8Array).toString('hex')).toBe(
      Buffer.from(encodeWithGenerated(event)).toString('hex'),
    );
  });

  test('a batch of varied events, each its own view of one buffer', () => {
    const events = Array.from({ length: 300 }, (_, i) => randomEvent(i + 1));
    const encoded = encodeTrackedEvents(events);
    expect(encoded).toHaveLength(events.length);
    for (const [i, event] of events.entries()) {
      expect(Buffer.from(encoded[i] as Uint8Array).equals(encodeWithGenerated(event))).toBe(true);
      expect(Wire.Event.decode(encoded[i] as Uint8Array).id).toBe(event.id);
    }
    expect(new Set(encoded.map((bytes) => bytes.buffer)).size).toBe(1);
  });

  test('an empty batch encodes to nothing', () => {
    expect(encodeTrackedEvents([])).toEqual([]);
  });
});

/** A deterministic event from a seed: varied lengths, kinds of values and optional fields. */
function randomEvent(seed: number): TrackedEvent {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state % n;
  };
  const alphabet = ['a', 'Z', '0', ' ', 'é', '€', '漢', '😀', '"', '\n'];
  const text = (max: number) =>
    Array.from({ length: next(max) }, () => alphabet[next(alphabet.length)]).join('');
  const properties: Record<string, PropertyValue> = {};
  for (let i = next(12); i > 0; i--) {
    const kind = next(3);
    properties[`${text(20)}${i}`] =
      kind === 0 ? text(300) : kind === 1 ? next(1e9) / (next(7) + 1) - 1e4 : next(2) === 1;
  }
  const optional = (value: string) => (next(2) === 1 ? value : undefined);
  return {
    ...base,
    id: `0193a1b2-c3d4-7e5f-8a9b-${String(seed).padStart(12, '0')}`,
    name: text(60) || 'e',
    timestamp: base.timestamp + next(1e6),
    userId: optional(text(80)),
    anonymousId: optional(text(40)),
    sessionId: optional(text(40)),
    properties,
    context: {
      transport: (['http', 'beacon', 'websocket', 'comet-stream', 'comet-poll'] as const)[
        next(5)
      ] as Transport,
      userAgent: optional(text(200)),
      sdkName: optional(text(10)),
    },
  };
}
