import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTidemark } from './client.ts';
import { eventually, fakeTransport, memoryWebStorage } from './fake-transport.fixture.ts';

// A page's globals, enough for the SDK's browser paths: window events, document visibility,
// navigator.sendBeacon and localStorage.
function fakePage(localStorage: Storage) {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const beacons: { url: string; body: unknown }[] = [];
  vi.stubGlobal('window', window);
  vi.stubGlobal('document', document);
  vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
  vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
  vi.stubGlobal('navigator', {
    sendBeacon: (url: string, body: unknown) => beacons.push({ url, body }) > 0,
  });
  vi.stubGlobal('localStorage', localStorage);
  return {
    beacons,
    hide(how: 'pagehide' | 'visibilitychange') {
      if (how === 'pagehide') window.dispatchEvent(new Event('pagehide'));
      else {
        document.visibilityState = 'hidden';
        document.dispatchEvent(new Event('visibilitychange'));
      }
    },
    show() {
      document.visibilityState = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

const endpoint = 'https://ingest.test';
const never = () => ({ kind: 'retry' as const, reason: 'never answered' });

describe('in a browser', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryWebStorage();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test.each(['pagehide', 'visibilitychange'] as const)(
    'on %s the queue is beaconed as CORS-simple text with the token in the URL, and stays queued for the next page',
    async (how) => {
      const page = fakePage(storage);
      const tm = createTidemark({
        endpoint,
        token: 'tok en',
        createTransport: () => fakeTransport(),
        flushAt: 1000,
        flushIntervalMs: 60_000,
      });
      await tm.ready;
      const ids = [tm.track('a'), tm.track('b', { n: 1 })];
      page.hide(how);
      page.hide('pagehide'); // both events fire on a real close: one beacon
      expect(page.beacons).toHaveLength(1);
      const [beacon] = page.beacons;
      expect(beacon?.url).toBe('https://ingest.test/v1/beacon?token=tok%20en');
      expect(typeof beacon?.body).toBe('string'); // sendBeacon sends a string as text/plain: no preflight
      const body = JSON.parse(beacon?.body as string) as { events: { id: string }[]; sent_at: number };
      expect(body.events.map((e) => e.id)).toEqual(ids);
      expect(typeof body.sent_at).toBe('number');

      // The next page load (the same localStorage) sends the same ids again: the beacon's answer is unknown.
      vi.unstubAllGlobals();
      fakePage(storage);
      const next = fakeTransport();
      const reloaded = createTidemark({ endpoint, token: 't', createTransport: () => next });
      await eventually('the reloaded page to send', () => next.attempts.length === 1);
      expect(next.attempts[0]?.ids).toEqual(ids);
      await reloaded.flush();
      // Only the visitor id stays: the queue is empty.
      expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual(['tm_anonymous_id']);
    },
  );

  test('a page shown again beacons again the next time it is hidden', async () => {
    const page = fakePage(storage);
    const tm = createTidemark({
      endpoint,
      token: 't',
      createTransport: () => fakeTransport([never]),
      flushAt: 1000,
    });
    await tm.ready;
    tm.track('a');
    page.hide('visibilitychange');
    page.show();
    page.hide('visibilitychange');
    expect(page.beacons).toHaveLength(2);
  });

  test('a beacon carries at most 60 000 bytes, oldest first', async () => {
    const page = fakePage(storage);
    const tm = createTidemark({
      endpoint,
      token: 't',
      createTransport: () => fakeTransport(),
      flushAt: 1000,
      flushIntervalMs: 60_000,
    });
    await tm.ready;
    const ids = Array.from({ length: 30 }, (_, i) => tm.track('big', { pad: 'x'.repeat(4000), i }));
    page.hide('pagehide');
    const body = page.beacons[0]?.body as string;
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(60_100);
    const sent = (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
    expect(sent).toEqual(ids.slice(0, sent.length));
    expect(sent.length).toBeGreaterThan(10);
  });

  test('two tabs keep separate queues; a new tab takes over only a closed or silent one', async () => {
    let clock = 1_764_000_000_000;
    fakePage(storage);
    const stalled = () => fakeTransport(Array.from({ length: 100 }, () => never));
    const tabA = createTidemark({
      endpoint,
      token: 't',
      createTransport: stalled,
      flushAt: 1000,
      now: () => clock,
      retry: { baseMs: 60_000, maxMs: 60_000 },
    });
    const tabB = createTidemark({
      endpoint,
      token: 't',
      createTransport: stalled,
      flushAt: 1000,
      now: () => clock,
      retry: { baseMs: 60_000, maxMs: 60_000 },
    });
    await Promise.all([tabA.ready, tabB.ready]);
    const a = tabA.track('from A');
    const b = tabB.track('from B');
    await Promise.resolve(); // the coalesced saves
    const stored = () =>
      [...Array(storage.length).keys()].flatMap((i) => {
        if (storage.key(i) === 'tm_anonymous_id') return [];
        const value = JSON.parse(storage.getItem(storage.key(i) as string) as string) as {
          events: { id: string }[];
        };
        return value.events.map((e) => e.id);
      });
    expect(stored().sort()).toEqual([a, b].sort());

    // A third tab, opened now, takes over neither: both are alive.
    const live = fakeTransport();
    const tabC = createTidemark({
      endpoint,
      token: 't',
      createTransport: () => live,
      flushAt: 1000,
      now: () => clock,
    });
    await tabC.ready;
    expect(stored().sort()).toEqual([a, b].sort());

    // A fourth, a minute later, takes over both silent queues and sends them.
    clock += 60_000;
    const later = fakeTransport();
    createTidemark({ endpoint, token: 't', createTransport: () => later, now: () => clock });
    await eventually('the taken-over events to be sent', () => later.attempts.length === 1);
    expect([...(later.attempts[0]?.ids ?? [])].sort()).toEqual([a, b].sort());
    expect(live.attempts).toEqual([]);
  });
});
