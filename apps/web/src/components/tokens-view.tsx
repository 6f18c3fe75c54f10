'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { TokenRow } from '../server/api/routers/tokens.ts';
import { ChooseTenant } from './console-shell.tsx';
import { formatRelative, formatTime, shortId } from './format.ts';
import { usePrincipal, useTenant } from './principal.tsx';
import { signInAgainAsExpired } from './sign-out-state.ts';
import { useTRPC } from './trpc.ts';
import {
  Badge,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorState,
  FormError,
  Loading,
  PageHeader,
  Panel,
  type Tone,
} from './ui.tsx';
import { useUrlState } from './url-state.ts';

type Audience = 'ingest' | 'query' | 'admin';

const audienceHelp: Record<Audience, string> = {
  ingest: 'posts events (a public write key: it may sit in web pages)',
  query: 'reads views and signs viewers in to dashboards',
  admin: 'manages views, replays and tokens of the tenant',
};

const expiries = ['1h', '1d', '7d', '30d', '90d', '365d'] as const;
const statusTone: Record<TokenRow['status'], Tone> = { active: 'good', expired: 'neutral', revoked: 'bad' };
const statusFilters = ['all', 'active', 'revoked', 'expired'] as const;

export function TokensView() {
  const { tenant } = useTenant();
  return (
    <>
      <PageHeader
        title="Tokens"
        description="Self-signed tokens of this tenant: mint them for SDKs, servers and viewers, and revoke them. Every service refuses a revoked token within 2 seconds."
      />
      {tenant ? (
        <>
          <MintPanel />
          <TokenList />
          <KeysPanel />
        </>
      ) : (
        <ChooseTenant />
      )}
    </>
  );
}

function MintPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tenant, input } = useTenant();
  const [audience, setAudience] = useState<Audience>('ingest');
  const [ttl, setTtl] = useState<string>('30d');
  const [note, setNote] = useState('');
  const mint = useMutation(
    trpc.tokens.mint.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mint.mutate({ ...input, audience, ttl, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <Panel
      title="Mint a token"
      description={`For tenant ${tenant}. The token is shown once: copy it before you leave.`}
    >
      {mint.data ? (
        <div className="minted" data-testid="minted-token">
          <p>
            <Badge tone="good">{mint.data.issued.audience}</Badge> token{' '}
            {mint.data.issued.note ? <strong>{mint.data.issued.note}</strong> : null} expires{' '}
            {formatTime(mint.data.issued.expiresAt)}. It will not be shown again.
          </p>
          <label htmlFor="minted-value" className="visually-hidden">
            The new token
          </label>
          <textarea id="minted-value" className="token-value" readOnly rows={3} value={mint.data.token} />
          <div className="row">
            <CopyButton text={mint.data.token} label="Copy token" />
            <button type="button" className="button" onClick={() => mint.reset()}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form form-inline" onSubmit={submit}>
          <fieldset className="field">
            <legend>Audience</legend>
            <div className="segmented">
              {(['ingest', 'query', 'admin'] as const).map((value) => (
                <label key={value} className={audience === value ? 'segment selected' : 'segment'}>
                  <input
                    type="radio"
                    name="audience"
                    value={value}
                    checked={audience === value}
                    onChange={() => setAudience(value)}
                  />
                  {value}
                </label>
              ))}
            </div>
            <p className="hint">{audienceHelp[audience]}</p>
          </fieldset>
          <div className="field">
            <label htmlFor="mint-ttl">Expires after</label>
            <select id="mint-ttl" value={ttl} onChange={(event) => setTtl(event.target.value)}>
              {expiries.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor="mint-note">Note</label>
            <input
              id="mint-note"
              maxLength={200}
              placeholder="who or what uses it, e.g. marketing site"
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div className="field field-submit">
            <button type="submit" className="button button-primary" disabled={mint.isPending}>
              {mint.isPending ? 'Minting…' : 'Mint token'}
            </button>
          </div>
          <FormError message={mint.error?.message} />
        </form>
      )}
    </Panel>
  );
}

function TokenList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const principal = usePrincipal();
  const { input } = useTenant();
  const [params, setParams] = useUrlState();
  const status = (statusFilters as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as (typeof statusFilters)[number])
    : 'all';
  const list = useQuery(trpc.tokens.list.queryOptions(input));
  const [revoking, setRevoking] = useState<TokenRow | undefined>(undefined);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: (result) => {
        setRevoking(undefined);
        if (result.selfRevoked) signInAgainAsExpired();
        return queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const now = list.dataUpdatedAt || 0;
  const rows = (list.data ?? []).filter((token) => status === 'all' || token.status === status);

  return (
    <Panel
      title="Issued tokens"
      description="Newest first. Expired tokens stay listed for 30 days."
      actions={
        <fieldset className="segmented segmented-cap">
          <legend className="visually-hidden">Show</legend>
          {statusFilters.map((value) => (
            <button
              key={value}
              type="button"
              className={status === value ? 'segment selected' : 'segment'}
              aria-pressed={status === value}
              onClick={() => setParams({ status: value === 'all' ? undefined : value })}
            >
              {value}
            </button>
          ))}
        </fieldset>
      }
    >
      {list.isPending ? (
        <Loading label="Loading tokens" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={status === 'all' ? 'No tokens issued yet' : `No ${status} tokens`}>
          {status === 'all' ? 'Mint one above; tokens minted with npm run token are listed here too.' : null}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Note</th>
                <th scope="col">Audience</th>
                <th scope="col">jti</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((token) => (
                <tr key={token.jti} data-jti={token.jti}>
                  <td>
                    {token.note ?? <span className="muted">—</span>}
                    <div className="cell-sub">by {token.issuedBy}</div>
                  </td>
                  <td>
                    <Badge tone={token.audience === 'admin' ? 'warn' : 'info'}>{token.audience}</Badge>
                  </td>
                  <td>
                    <code title={token.jti}>{shortId(token.jti)}</code>
                    {token.jti === principal.jti ? <div className="cell-sub">this session</div> : null}
                  </td>
                  <td>
                    <code title={token.kid}>{shortId(token.kid)}</code>
                  </td>
                  <td title={formatTime(token.createdAt)}>{formatRelative(token.createdAt, now)}</td>
                  <td title={formatTime(token.expiresAt)}>{formatRelative(token.expiresAt, now)}</td>
                  <td>
                    <Badge tone={statusTone[token.status]}>{token.status}</Badge>
                    {token.revokedBy ? <div className="cell-sub">by {token.revokedBy}</div> : null}
                  </td>
                  <td className="cell-actions">
                    {token.status === 'active' ? (
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        onClick={() => setRevoking(token)}
                        aria-label={`Revoke token ${token.note ?? token.jti}`}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        danger
        busy={revoke.isPending}
        onCancel={() => {
          setRevoking(undefined);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate({ ...input, jti: revoking.jti })}
      >
        <p>
          {revoking?.note ? <strong>{revoking.note}</strong> : 'This token'} ({revoking?.audience},{' '}
          <code>{revoking ? shortId(revoking.jti) : ''}</code>) stops working on every instance within 2
          seconds. This cannot be undone.
        </p>
        {revoking?.jti === principal.jti ? (
          <p className="form-error">This is the token you signed in with: you will be signed out.</p>
        ) : null}
        <FormError message={revoke.error?.message} />
      </ConfirmDialog>
    </Panel>
  );
}

function KeysPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const principal = usePrincipal();
  const keys = useQuery(trpc.tokens.listKeys.queryOptions());
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation(
    trpc.tokens.rotateKey.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        return queryClient.invalidateQueries({ queryKey: trpc.tokens.listKeys.queryKey() });
      },
    }),
  );
  const now = keys.dataUpdatedAt || 0;
  return (
    <Panel
      title="Signing keys"
      description="Ed25519 keys shared by every tenant. New tokens are signed by the current key; older keys keep verifying the tokens they signed."
      actions={
        principal.operator ? (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Rotate signing key
          </button>
        ) : (
          <span className="hint">Rotation affects every tenant: operators only.</span>
        )
      }
    >
      {keys.isPending ? (
        <Loading label="Loading keys" rows={2} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No signing keys yet">The first mint creates one.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">kid</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.kid}>
                  <td>
                    <code>{key.kid}</code>
                  </td>
                  <td title={formatTime(key.createdAt)}>{formatRelative(key.createdAt, now)}</td>
                  <td>
                    {key.current ? (
                      <Badge tone="good">current</Badge>
                    ) : (
                      <Badge tone="neutral">
                        retired {key.retiredAt ? formatRelative(key.retiredAt, now) : ''}
                      </Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Rotate the signing key?"
        confirmLabel="Rotate"
        busy={rotate.isPending}
        onCancel={() => {
          setConfirming(false);
          rotate.reset();
        }}
        onConfirm={() => rotate.mutate()}
      >
        <p>New tokens of every tenant will be signed by a fresh key. Existing tokens keep working.</p>
        <FormError message={rotate.error?.message} />
      </ConfirmDialog>
    </Panel>
  );
}
