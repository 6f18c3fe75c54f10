import type { SendOutcome, Transport } from './protocol.ts';

const unreachable = (outcome: SendOutcome) => outcome.kind === 'retry' && outcome.unreachable === true;

/**
 * Tries transports in order of preference. When the current one cannot connect at all but a later one
 * can (a proxy that blocks WebSockets), the later one becomes current. When none can, ingest is away:
 * the preference stays, and the caller backs off.
 */
export function createFallbackTransport(transports: readonly Transport[]): Transport {
  let current = 0;
  return {
    get name() {
      return transports[current]?.name ?? 'none';
    },
    async send(events, sentAt) {
      const first = await (transports[current] as Transport).send(events, sentAt);
      if (!unreachable(first)) return first;
      for (let i = current + 1; i < transports.length; i += 1) {
        const outcome = await (transports[i] as Transport).send(events, sentAt);
        if (!unreachable(outcome)) {
          current = i;
          return outcome;
        }
      }
      return first;
    },
    close() {
      for (const transport of transports) transport.close();
    },
  };
}
