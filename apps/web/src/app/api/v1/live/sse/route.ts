import { problem, queryRoute } from '../../../../../server/query/http.ts';
import { openLiveFeed } from '../../../../../server/query/live-feed.ts';
import { parseSeriesParams } from '../../../../../server/query/query-params.ts';
import { readSeries } from '../../../../../server/query/series-service.ts';

export const dynamic = 'force-dynamic';
const heartbeatMs = 15_000;

/** GET /api/v1/live/sse?view=…: Server-Sent Events, a `snapshot` then an `update` per change. */
export function GET(request: Request) {
  return queryRoute(request, { ticket: true }, async (deps, caller) => {
    const params = parseSeriesParams(new URL(request.url).searchParams);
    if (caller.view !== undefined && caller.view !== params.view)
      return problem(403, 'AUTH_WRONG_VIEW', `this ticket is for view ${caller.view}`);
    const cursor = deps.hub.lastUpdate(caller.tenant, params.view);
    const first = await readSeries(deps, caller.tenant, params);
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const write = (text: string) => {
          if (open) controller.enqueue(encoder.encode(text));
        };
        const end = () => {
          if (!open) return;
          open = false;
          clearInterval(beat);
          stop();
          controller.close();
        };
        const beat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        stop = openLiveFeed(
          { ...deps, isRevoked: (jti) => deps.auth.verifier.isRevoked(jti) },
          caller.tenant,
          params,
          caller.credential,
          {
            send: (message) => write(`event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`),
            close: (_code, reason) => {
              write(`event: close\ndata: ${JSON.stringify({ reason })}\n\n`);
              end();
            },
          },
          { cursor, ...first },
        );
        request.signal.addEventListener('abort', end);
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      },
    });
  });
}
