import type { TokenVerifier } from '@tidemark/core/auth';

export interface LiveConnection {
  readonly jti: string;
  readonly expiresAt: number;
  close(reason: 'revoked' | 'expired' | 'shutdown'): void;
}

/**
 * Open WebSocket and Comet connections. Once a second, those whose token was revoked (the verifier
 * reloads the denylist at least every 2 s) or has expired are closed.
 */
export function createLiveConnections(verifier: Pick<TokenVerifier, 'isRevoked'>, clock: () => number) {
  const open = new Set<LiveConnection>();
  const sweep = () => {
    const now = clock();
    for (const connection of open) {
      const reason = verifier.isRevoked(connection.jti)
        ? 'revoked'
        : now >= connection.expiresAt
          ? 'expired'
          : undefined;
      if (reason) {
        open.delete(connection);
        connection.close(reason);
      }
    }
  };
  const timer = setInterval(sweep, 1000);
  timer.unref();
  return {
    add(connection: LiveConnection): () => void {
      open.add(connection);
      return () => open.delete(connection);
    },
    sweep,
    closeAll() {
      clearInterval(timer);
      for (const connection of open) connection.close('shutdown');
      open.clear();
    },
  };
}

export type LiveConnections = ReturnType<typeof createLiveConnections>;
