import cassandra from 'cassandra-driver';

export interface CassandraConfig {
  /** host or host:port list. */
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly keyspace?: string;
}

export function createCassandraClient(config: CassandraConfig): cassandra.Client {
  return new cassandra.Client({
    contactPoints: [...config.contactPoints],
    localDataCenter: config.localDataCenter,
    keyspace: config.keyspace,
    queryOptions: { prepare: true, consistency: cassandra.types.consistencies.localQuorum },
    socketOptions: { connectTimeout: 5000, readTimeout: 12_000 },
  });
}
