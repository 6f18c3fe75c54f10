'use client';

import type { SeriesResult } from '@tidemark/core';
import { useEffect, useState } from 'react';
import { isSigningOut, signInAgainAsExpired } from '../../../components/sign-out-state.ts';
import type { ViewSummary } from '../../../server/query/series-service.ts';
import { type SeriesInput, seriesSearchOf } from './dashboard-state.ts';

export interface SeriesAnswer {
  readonly view: ViewSummary;
  readonly series: SeriesResult;
}

export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  readonly status: LiveStatus;
  /** The latest snapshot or update; the whole series each time. */
  readonly answer?: SeriesAnswer;
  /** When the latest message arrived (client clock). */
  readonly receivedAt?: number;
  /** Updates received since the channel opened, snapshots excluded. */
  readonly updates: number;
  /** Why the channel is down, while it retries. */
  readonly problem?: string;
}

type LiveMessage =
  | ({ type: 'snapshot' | 'update'; cursor: number } & SeriesAnswer)
  | { type: 'error'; code: string; message: string };

const maxBackoffMs = 15_000;

/**
 * One chart's live channel: a ticket from `POST /api/v1/live/ticket` (the session cookie authenticates it),
 * then `WebSocket /api/v1/live?…&ticket=`. The channel closes when its ticket expires (≤ 5 minutes) or on a
 * network failure; it reopens with a fresh ticket, so a preset range re-anchors on "now" as it does.
 * `enabled` is false until the first plain query succeeded: a query the server refuses never opens a socket.
 */
export function useLiveSeries(input: SeriesInput, tenant: string | undefined, enabled: boolean): LiveState {
  const [state, setState] = useState<LiveState>({ status: 'off', updates: 0 });
  const key = JSON.stringify(input);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off', updates: 0 });
      return;
    }
    const query = JSON.parse(key) as SeriesInput;
    let disposed = false;
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    setState({ status: 'connecting', updates: 0 });

    const retry = (problem: string | undefined) => {
      if (disposed) return;
      const delay = problem === undefined ? 250 : Math.min(maxBackoffMs, 1000 * 2 ** failures);
      failures += problem === undefined ? 0 : 1;
      setState((before) => ({
        ...before,
        status: 'reconnecting',
        ...(problem === undefined ? {} : { problem }),
      }));
      timer = setTimeout(() => void open(), delay);
    };

    const open = async () => {
      if (disposed || isSigningOut()) return;
      const ticketUrl = `/api/v1/live/ticket${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`;
      let ticket: string;
      try {
        const response = await fetch(ticketUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ view: query.view }),
        });
        if (response.status === 401) {
          signInAgainAsExpired();
          return;
        }
        const body = (await response.json().catch(() => ({}))) as {
          ticket?: string;
          error?: { message?: string };
        };
        if (!response.ok || !body.ticket) {
          retry(body.error?.message ?? `the live ticket was refused (HTTP ${response.status})`);
          return;
        }
        ticket = body.ticket;
      } catch {
        retry('the console cannot be reached');
        return;
      }
      if (disposed) return;
      const search = seriesSearchOf(query);
      search.set('ticket', ticket);
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(`${scheme}//${window.location.host}/api/v1/live?${search.toString()}`);
      socket = ws;
      ws.onmessage = (event) => {
        let message: LiveMessage;
        try {
          message = JSON.parse(String(event.data)) as LiveMessage;
        } catch {
          return;
        }
        if (message.type === 'error') {
          setState((before) => ({ ...before, problem: message.message }));
          return;
        }
        failures = 0;
        const { view, series } = message;
        setState((before) => ({
          status: 'live',
          answer: { view, series },
          receivedAt: Date.now(),
          updates: before.updates + (message.type === 'update' ? 1 : 0),
        }));
      };
      ws.onclose = (event) => {
        if (disposed || socket !== ws) return;
        // 1000 and 4401 (the ticket ran out) are expected ends: reopen at once with a new ticket.
        retry(
          event.code === 1000 || event.code === 4401 ? undefined : 'the live channel closed; reconnecting',
        );
      };
    };

    void open();
    return () => {
      disposed = true;
      clearTimeout(timer);
      const ws = socket;
      if (!ws) return;
      ws.onmessage = null;
      // Closing a socket that is still connecting makes Chromium log an error: close it once it opens.
      if (ws.readyState === WebSocket.CONNECTING) ws.onopen = () => ws.close(1000, 'chart closed');
      else if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'chart closed');
    };
  }, [key, tenant, enabled]);

  return state;
}
