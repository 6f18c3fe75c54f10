// `npm run token -- …`: mint, verify and revoke tokens, rotate and list signing keys. For operators and
// tests; the console's tokens page will do the same through the same core functions.
import { userInfo } from 'node:os';
import { engineConfigFrom, engineEnvSchema, type IssuedTokenStore, parseEnv } from '@tidemark/core';
import {
  audiences,
  authEnvSchema,
  createTokenIssuer,
  createTokenVerifier,
  defaultIssuer,
  isAudience,
  parseTtl,
  type RevocationStore,
  revocationOfToken,
  type SigningKeyStore,
  tenantProblem,
} from '@tidemark/core/auth';
import {
  cassandraMigrations,
  createCassandraClient,
  createCassandraIssuedTokenStore,
  createCassandraRevocationStore,
  createCassandraSigningKeyStore,
  migrateCassandra,
} from '@tidemark/core/cassandra';
import { options, required, text, UsageError } from './cli-args.ts';

const usage = `usage: npm run token -- <command>
  mint --tenant <tenant> --aud <${audiences.join('|')}> --ttl <n>[s|m|h|d] [--note <text>]
                              print a new token on stdout (details on stderr) and record it in the
                              registry the console lists; tenant '*' is an operator (admin only)
  verify <token> --aud <audience>
                              check a token as a service would; exit 0 if it is accepted
  revoke <jti> --exp <ms since epoch | ISO time> [--tenant <tenant>]
  revoke --token <token>      deny a token until it expires (jti and exp read from the token)
  keys rotate                 make a new signing key; tokens signed by older keys keep verifying
  keys list                   every signing key, newest (current) first
environment: CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DC, CASSANDRA_KEYSPACE, TIDEMARK_ISSUER (default ${defaultIssuer})`;

function audienceOption(values: Record<string, string | boolean | undefined>) {
  const audience = required(values, 'aud');
  if (!isAudience(audience)) {
    throw new UsageError(`--aud must be one of ${audiences.join(', ')}, got ${audience}`);
  }
  return audience;
}

function parseExpiry(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--exp must be ms since the epoch or an ISO time, got ${text}`);
  }
  return ms;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.error(usage);
    return command === undefined ? 2 : 0;
  }
  // Arguments are checked before anything connects, so a typo answers at once.
  const run = plan(command, rest);
  const env = parseEnv(engineEnvSchema.extend(authEnvSchema.shape), process.env);
  const config = engineConfigFrom(env).cassandra;
  const client = createCassandraClient({ ...config, keyspace: undefined });
  const { keyspace } = config;
  try {
    await migrateCassandra(client, {
      keyspace,
      replication: { class: 'SimpleStrategy', replication_factor: config.replicationFactor },
      migrations: cassandraMigrations,
    });
    return await run({
      keys: createCassandraSigningKeyStore(client, { keyspace }),
      revocations: createCassandraRevocationStore(client, { keyspace }),
      registry: createCassandraIssuedTokenStore(client, { keyspace }),
      issuerName: env.TIDEMARK_ISSUER,
    });
  } finally {
    await client.shutdown();
  }
}

interface Deps {
  readonly keys: SigningKeyStore;
  readonly revocations: RevocationStore;
  readonly registry: IssuedTokenStore;
  readonly issuerName: string;
}

/** Parses one command's arguments into the action to run, or throws a UsageError. */
function plan(command: string, args: readonly string[]): (deps: Deps) => Promise<number> {
  switch (command) {
    case 'mint': {
      const { values, positionals } = options(args, ['tenant', 'aud', 'ttl', 'note']);
      if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
      const tenant = required(values, 'tenant');
      const audience = audienceOption(values);
      const problem = tenantProblem(tenant, audience);
      if (problem) throw new UsageError(problem);
      const ttlSeconds = parseTtl(required(values, 'ttl'));
      if (ttlSeconds === undefined) throw new UsageError('--ttl must look like 90s, 15m, 12h or 30d');
      const note = text(values, 'note');
      return async ({ keys, registry, issuerName }) => {
        const createdAt = Date.now();
        const minted = await createTokenIssuer(keys, { issuer: issuerName, clock: () => createdAt }).mint({
          tenant,
          audience,
          ttlSeconds,
        });
        await registry.record({
          tenant,
          jti: minted.jti,
          audience,
          kid: minted.kid,
          ...(note ? { note } : {}),
          issuedBy: cliUser(),
          createdAt: Math.floor(createdAt / 1000) * 1000,
          expiresAt: minted.expiresAt,
        });
        console.error(
          `token: tidemark:${audience} for tenant ${tenant}, jti ${minted.jti}, kid ${minted.kid}, expires ${new Date(minted.expiresAt).toISOString()}`,
        );
        console.log(minted.token);
        return 0;
      };
    }
    case 'verify': {
      const { values, positionals } = options(args, ['aud']);
      const [token, extra] = positionals;
      if (!token || extra) throw new UsageError('verify takes exactly one token');
      const audience = audienceOption(values);
      return async ({ keys, revocations, issuerName }) => {
        const verifier = createTokenVerifier({ keys, revocations, issuer: issuerName });
        await verifier.start();
        const result = await verifier.verify(token, audience).finally(() => verifier.stop());
        console.log(JSON.stringify(result.ok ? result.token : result));
        return result.ok ? 0 : 1;
      };
    }
    case 'revoke': {
      const { values, positionals } = options(args, ['exp', 'token', 'tenant']);
      const fromToken = values.token;
      let revocation: { jti: string; expiresAt: number };
      let tenant = text(values, 'tenant');
      if (typeof fromToken === 'string') {
        if (positionals.length > 0 || values.exp !== undefined) {
          throw new UsageError('revoke takes either <jti> --exp <time> or --token <token>, not both');
        }
        const fromClaims = revocationOfToken(fromToken);
        if (!fromClaims) throw new UsageError('--token is not a JWT with jti and exp claims');
        revocation = fromClaims;
        tenant ??= subjectOf(fromToken);
      } else {
        const [jti, extra] = positionals;
        if (!jti || extra) throw new UsageError('revoke takes exactly one jti');
        revocation = { jti, expiresAt: parseExpiry(required(values, 'exp')) };
      }
      return async ({ revocations, registry }) => {
        const until = new Date(revocation.expiresAt).toISOString();
        if (revocation.expiresAt <= Date.now()) {
          console.error(`token: ${revocation.jti} already expired at ${until}; nothing to revoke`);
          return 0;
        }
        await revocations.revoke(revocation.jti, revocation.expiresAt);
        if (tenant) await registry.markRevoked(tenant, revocation.jti, cliUser(), Date.now());
        console.error(
          `token: revoked ${revocation.jti} until ${until}; every instance refuses it within 2 s`,
        );
        return 0;
      };
    }
    case 'keys': {
      const [action, ...extra] = args;
      if (extra.length > 0 || (action !== 'rotate' && action !== 'list')) {
        throw new UsageError('keys takes rotate or list');
      }
      if (action === 'rotate') {
        return async ({ keys }) => {
          const key = await keys.rotate();
          console.error(`token: new signing key ${key.kid}; older keys keep verifying`);
          console.log(key.kid);
          return 0;
        };
      }
      return async ({ keys }) => {
        const all = await keys.all();
        if (all.length === 0) console.error('token: no signing keys yet; the first mint creates one');
        for (const [index, key] of all.entries()) {
          const status = index === 0 ? 'current' : `retired ${new Date(key.retiredAt ?? 0).toISOString()}`;
          console.log(`${key.kid}  created ${new Date(key.createdAt).toISOString()}  ${status}`);
        }
        return 0;
      };
    }
  }
  throw new UsageError(`unknown command ${command}`);
}

/** The unverified `sub` of a token, to find its registry row; undefined when it has none. */
function subjectOf(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims?.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

function cliUser(): string {
  return `cli:${userInfo().username}`;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof UsageError) {
    console.error(`token: ${error.message}\n${usage}`);
    return 2;
  }
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  console.error(`token: ${error.message}${cause}`);
  return 1;
});
