import { type HttpTransportOptions, request } from './http-transport.ts';
import {
  batchBody,
  outcomeOfFrame,
  outcomeOfHttp,
  type SendOutcome,
  type Transport,
  unknownOutcome,
} from './protocol.ts';

/**
 * Comet long-poll, for where WebSockets are blocked: POST /v1/poll/batches?session=S queues a batch
 * (202 at once); its ack, correlated by `seq`, is collected by GET /v1/poll/acks?session=S, which ingest
 * holds until an ack is ready.
 */
export function createCometTransport(options: HttpTransportOptions & { random: () => number }): Transport {
  const session = Array.from({ length: 24 }, () => Math.floor(options.random() * 36).toString(36)).join('');
  let seq = 0;
  return {
    name: 'comet',
    async send(events, sentAt) {
      seq += 1;
      const mine = seq;
      const deadline = Date.now() + options.timeoutMs;
      try {
        const post = request(options, '/v1/poll/batches', `session=${session}`);
        const posted = await fetch(post.url, {
          method: 'POST',
          headers: post.headers,
          body: batchBody(events, sentAt, mine),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (posted.status !== 202) {
          const body = await posted.json().catch(() => undefined);
          return outcomeOfHttp(posted.status, body, posted.headers.get('retry-after'));
        }
        await posted.body?.cancel();
      } catch (error) {
        return unknownOutcome(`comet: ${(error as Error).message}`, true);
      }
      // Acks of earlier batches that timed out may still come; only this batch's seq answers it.
      while (Date.now() < deadline) {
        try {
          const get = request(options, '/v1/poll/acks', `session=${session}`);
          const response = await fetch(get.url, {
            headers: options.tokenInUrl ? {} : { authorization: get.headers.authorization as string },
            signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
          });
          const body = (await response.json().catch(() => undefined)) as { acks?: unknown } | undefined;
          if (!response.ok || !Array.isArray(body?.acks))
            return outcomeOrRetry(outcomeOfHttp(response.status, body, response.headers.get('retry-after')));
          const frame = (body.acks as (Parameters<typeof outcomeOfFrame>[0] & { seq?: unknown })[]).find(
            (ack) => ack.seq === mine,
          );
          if (frame) return outcomeOfFrame(frame);
        } catch (error) {
          return unknownOutcome(`comet: ${(error as Error).message}`);
        }
      }
      return unknownOutcome('comet: no ack in time');
    },
    close() {},
  };
}

// The batch was queued; a failed ack collection says nothing final about it.
const outcomeOrRetry = (outcome: SendOutcome): SendOutcome =>
  outcome.kind === 'retry' ? outcome : unknownOutcome(`comet: acks answered ${outcome.kind}`);
