import cassandra from 'cassandra-driver';
import {
  defaultView,
  defaultViewDefinition,
  defaultViewId,
  type View,
  type ViewDefinition,
} from '../../domain/view.ts';
import { InfraError } from '../../errors.ts';
import type { ViewStore } from '../../ports/view-store.ts';

const { Uuid } = cassandra.types;
const cas = { prepare: true, serialConsistency: cassandra.types.consistencies.localSerial };

export interface CassandraViewStoreOptions {
  readonly keyspace: string;
}

/** Views on the table of migration 4 (cassandra-schema.ts). */
export function createCassandraViewStore(
  client: cassandra.Client,
  options: CassandraViewStoreOptions,
): ViewStore {
  const views = `${options.keyspace}.views`;

  async function run(
    what: string,
    cql: string,
    params: unknown[],
    queryOptions: cassandra.QueryOptions = {},
  ) {
    try {
      return await client.execute(cql, params, { prepare: true, ...queryOptions });
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${views}`, {
        retriable: true,
        cause: error,
      });
    }
  }

  /** Every row, page by page: `rows` of one answer holds only its first page (fetchSize, 5000 by default). */
  async function rowsOf(what: string, cql: string, params: unknown[]): Promise<View[]> {
    const found: View[] = [];
    try {
      for await (const row of await client.execute(cql, params, { prepare: true, fetchSize: 1000 }))
        found.push(viewOf(row));
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${views}`, {
        retriable: true,
        cause: error,
      });
    }
    return found;
  }

  async function stored(tenant: string, id: string): Promise<View | undefined> {
    const result = await run(
      `reading view ${tenant}/${id}`,
      `SELECT * FROM ${views} WHERE tenant = ? AND id = ?`,
      [tenant, id],
    );
    const row = result.first();
    return row ? viewOf(row) : undefined;
  }

  /** The default view exists implicitly; it gets a row on its first change. */
  async function ensureRow(tenant: string, id: string, now: number): Promise<void> {
    if (id !== defaultViewId) return;
    await run(
      `creating the default view of ${tenant}`,
      `INSERT INTO ${views} (tenant, id, definition, active_generation, created_at, updated_at, updated_by)
       VALUES (?, ?, ?, 1, ?, ?, 'tidemark') IF NOT EXISTS`,
      [tenant, id, JSON.stringify(defaultViewDefinition()), new Date(now), new Date(now)],
      cas,
    );
  }

  async function applied(what: string, cql: string, params: unknown[]): Promise<boolean> {
    const result = await run(what, cql, params, cas);
    return result.first()?.get('[applied]') === true;
  }

  return {
    async list(tenant) {
      const found = await rowsOf(`listing views of ${tenant}`, `SELECT * FROM ${views} WHERE tenant = ?`, [
        tenant,
      ]);
      if (!found.some((view) => view.definition.id === defaultViewId)) found.unshift(defaultView(tenant));
      return found;
    },

    async listStored() {
      return rowsOf('listing every view', `SELECT * FROM ${views}`, []);
    },

    async get(tenant, id) {
      return (await stored(tenant, id)) ?? (id === defaultViewId ? defaultView(tenant) : undefined);
    },

    async save(tenant, definition, by, now) {
      await ensureRow(tenant, definition.id, now);
      const created = await applied(
        `creating view ${tenant}/${definition.id}`,
        `INSERT INTO ${views} (tenant, id, definition, active_generation, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, 1, ?, ?, ?) IF NOT EXISTS`,
        [tenant, definition.id, JSON.stringify(definition), new Date(now), new Date(now), by],
      );
      if (!created)
        await run(
          `changing view ${tenant}/${definition.id}`,
          `UPDATE ${views} SET definition = ?, updated_at = ?, updated_by = ? WHERE tenant = ? AND id = ?`,
          [JSON.stringify(definition), new Date(now), by, tenant, definition.id],
        );
      const view = await stored(tenant, definition.id);
      if (!view)
        throw new InfraError('CASSANDRA_UNAVAILABLE', `view ${tenant}/${definition.id} vanished`, {
          retriable: true,
        });
      return view;
    },

    async beginRebuild(tenant, id, generation, job, now) {
      await ensureRow(tenant, id, now);
      for (;;) {
        const before = await stored(tenant, id);
        if (!before) throw new Error(`no view ${tenant}/${id} to rebuild`);
        if (generation <= before.activeGeneration)
          throw new Error(
            `a rebuild of ${tenant}/${id} must build a generation past the active ${before.activeGeneration}, not ${generation}`,
          );
        const condition =
          before.buildingGeneration === undefined ? 'building_generation = null' : 'building_generation = ?';
        const ok = await applied(
          `starting a rebuild of ${tenant}/${id}`,
          `UPDATE ${views} SET building_generation = ?, building_job = ?, updated_at = ?
           WHERE tenant = ? AND id = ? IF ${condition}`,
          [
            generation,
            Uuid.fromString(job),
            new Date(now),
            tenant,
            id,
            ...(before.buildingGeneration === undefined ? [] : [before.buildingGeneration]),
          ],
        );
        if (ok)
          return before.buildingGeneration !== undefined && before.buildingGeneration !== generation
            ? { replaced: before.buildingGeneration }
            : {};
      }
    },

    async flip(tenant, id, generation, now) {
      const before = await stored(tenant, id);
      if (!before || before.buildingGeneration !== generation) return false;
      return applied(
        `activating generation ${generation} of ${tenant}/${id}`,
        `UPDATE ${views} SET active_generation = ?, building_generation = null, building_job = null,
           retired_generation = ?, retired_at = ?, updated_at = ?
         WHERE tenant = ? AND id = ? IF building_generation = ? AND active_generation = ?`,
        [
          generation,
          before.activeGeneration,
          new Date(now),
          new Date(now),
          tenant,
          id,
          generation,
          before.activeGeneration,
        ],
      );
    },

    async abandonRebuild(tenant, id, generation, now) {
      await run(
        `abandoning generation ${generation} of ${tenant}/${id}`,
        `UPDATE ${views} SET building_generation = null, building_job = null, updated_at = ?
         WHERE tenant = ? AND id = ? IF building_generation = ?`,
        [new Date(now), tenant, id, generation],
        cas,
      );
    },

    async clearRetired(tenant, id, generation) {
      await run(
        `forgetting generation ${generation} of ${tenant}/${id}`,
        `UPDATE ${views} SET retired_generation = null, retired_at = null WHERE tenant = ? AND id = ? IF retired_generation = ?`,
        [tenant, id, generation],
        cas,
      );
    },
  };
}

function viewOf(row: cassandra.types.Row): View {
  const definition = JSON.parse(row.get('definition') as string) as ViewDefinition;
  const optionalInt = (name: string) => {
    const value = row.get(name) as number | null;
    return value === null ? undefined : value;
  };
  const building = optionalInt('building_generation');
  const retired = optionalInt('retired_generation');
  const job = row.get('building_job') as cassandra.types.Uuid | null;
  const retiredAt = row.get('retired_at') as Date | null;
  return {
    tenant: row.get('tenant') as string,
    definition,
    activeGeneration: row.get('active_generation') as number,
    ...(building !== undefined ? { buildingGeneration: building } : {}),
    ...(job ? { buildingJob: job.toString() } : {}),
    ...(retired !== undefined ? { retiredGeneration: retired } : {}),
    ...(retiredAt ? { retiredAt: retiredAt.getTime() } : {}),
    createdAt: (row.get('created_at') as Date | null)?.getTime() ?? 0,
    updatedAt: (row.get('updated_at') as Date | null)?.getTime() ?? 0,
    updatedBy: (row.get('updated_by') as string | null) ?? '',
  };
}
