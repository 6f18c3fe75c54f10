import cassandra from 'cassandra-driver';
import { generateSigningKey, type SigningKey, type SigningKeyStore } from '../../auth/signing-keys.ts';
import { InfraError } from '../../errors.ts';

const scope = 'tokens';

/** Signing keys in `<keyspace>.signing_keys`; the highest generation is the current key. */
export function createCassandraSigningKeyStore(
  client: cassandra.Client,
  options: { readonly keyspace: string; readonly clock?: () => number },
): SigningKeyStore {
  const clock = options.clock ?? Date.now;
  const table = `${options.keyspace}.signing_keys`;
  const selectNewest = `SELECT generation, kid, private_jwk, public_jwk, created_at FROM ${table} WHERE scope = ? LIMIT 1`;
  const selectPublic = `SELECT generation, kid, public_jwk, created_at FROM ${table} WHERE scope = ?`;
  const insertIfAbsent = `INSERT INTO ${table} (scope, generation, kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS`;

  const execute = async (what: string, cql: string, params: unknown[], serial = false) => {
    try {
      return await client.execute(cql, params, {
        prepare: true,
        ...(serial ? { serialConsistency: cassandra.types.consistencies.localSerial } : {}),
      });
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${table}`, {
        retriable: true,
        cause: error,
      });
    }
  };

  const newest = async () => {
    const row = (await execute('reading the current signing key', selectNewest, [scope])).first();
    return row ? { generation: row.get('generation') as number, key: keyFromRow(row) } : undefined;
  };

  /** Inserts a fresh key as this generation unless another process got there first; returns the winner. */
  const claim = async (generation: number): Promise<SigningKey> => {
    const key = await generateSigningKey(clock());
    const result = await execute(
      'inserting a signing key',
      insertIfAbsent,
      [
        scope,
        generation,
        key.kid,
        JSON.stringify(key.privateJwk),
        JSON.stringify(key.publicJwk),
        new Date(key.createdAt),
      ],
      true,
    );
    const row = result.first();
    if (row?.get('[applied]') === true) return key;
    // Not applied: the answer carries the row another process inserted first, read at LOCAL_SERIAL.
    if (!row?.get('kid')) {
      const message = `signing key generation ${generation} was taken but not returned`;
      throw new InfraError('CASSANDRA_UNAVAILABLE', message, { retriable: true });
    }
    return keyFromRow(row);
  };

  return {
    async current() {
      return (await newest())?.key ?? claim(1);
    },
    async rotate() {
      return claim(((await newest())?.generation ?? 0) + 1);
    },
    async all() {
      const keys: SigningKey[] = [];
      let newer: SigningKey | undefined;
      for await (const row of await execute('listing signing keys', selectPublic, [scope])) {
        const key: SigningKey = { ...keyFromRow(row), ...(newer ? { retiredAt: newer.createdAt } : {}) };
        keys.push(key);
        newer = key;
      }
      return keys;
    },
  };
}

function keyFromRow(row: cassandra.types.Row): SigningKey {
  const privateJwk = row.get('private_jwk') as string | null | undefined;
  return {
    kid: row.get('kid') as string,
    ...(privateJwk ? { privateJwk: JSON.parse(privateJwk) } : {}),
    publicJwk: JSON.parse(row.get('public_jwk') as string),
    createdAt: (row.get('created_at') as Date).getTime(),
  };
}
