import { createHash } from 'node:crypto';
import { boundedMemo } from './bounded-memo.ts';
import type { TrackedEvent } from './tracked-event.ts';
import { bucketOf, groupOf, otherGroup, type ViewDefinition, viewMatches } from './view.ts';
import { addEvent, emptyPartial, type ViewPartial } from './view-partial.ts';

/** Which partial document an aggregate lives in (DESIGN.md "Projection mechanics"). */
export interface PartialKey {
  readonly tenant: string;
  readonly view: string;
  readonly generation: number;
  readonly bucket: number;
  readonly group: string;
  /** The topic and partition the counted records came from: each has its own documents and versions. */
  readonly topic: string;
  readonly partition: number;
}

/**
 * The group of the per-(bucket, source partition) manifest: the groups kept so far, in order of arrival, up
 * to the view's cap. Queries skip it.
 */
export const manifestGroup = '\u0000groups';

/** One partial document as the projector holds it. `version` is the highest source offset applied (−1: none). */
export interface PartialDoc {
  readonly key: PartialKey;
  partial: ViewPartial;
  version: bigint;
  /** Manifest documents only. */
  groups?: string[];
  dirty: boolean;
}

/** A view generation that records are applied to. */
export interface ViewTarget {
  readonly tenant: string;
  readonly definition: ViewDefinition;
  readonly generation: number;
}

/** A record of the live or replay topic, decoded. */
export interface ProjectedRecord {
  readonly event: TrackedEvent;
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/** `_id` of a partial document: a hash of its key, well under OpenSearch's 512 bytes. */
export function partialDocId(key: PartialKey): string {
  const plain = [
    key.tenant,
    key.view,
    String(key.generation),
    String(key.bucket),
    key.group,
    key.topic,
    String(key.partition),
  ].join('\u0000');
  return hashedId(plain);
}

// The projector asks for the same few keys many times a batch; hashing was a fifth of its CPU.
const hashedId = boundedMemo(
  (plain: string) => createHash('sha256').update(plain).digest('base64url'),
  50_000,
);

/** The documents `applyRecord` may touch for this record: manifest, own group, other-group. */
export function docKeysFor(target: ViewTarget, record: ProjectedRecord): PartialKey[] {
  if (target.tenant !== record.event.tenant || !viewMatches(target.definition, record.event)) return [];
  const base = {
    tenant: target.tenant,
    view: target.definition.id,
    generation: target.generation,
    bucket: bucketOf(record.event.timestamp),
    topic: record.topic,
    partition: record.partition,
  };
  return [
    { ...base, group: manifestGroup },
    { ...base, group: groupOf(target.definition, record.event) },
    { ...base, group: otherGroup },
  ];
}

export function emptyDoc(key: PartialKey, definition: ViewDefinition): PartialDoc {
  return {
    key,
    partial: emptyPartial(definition),
    version: -1n,
    dirty: false,
    ...(key.group === manifestGroup ? { groups: [] } : {}),
  };
}

/**
 * Applies one record to the documents of one view generation; every key of `docKeysFor` must be in `docs`.
 * Idempotent per document: a record at or below a document's version is already in it. Which group a record
 * falls in depends only on the records before it in its partition, so every replay of a partition decides
 * alike: a group is kept if the manifest lists it, or is added while the manifest has room; past the cap,
 * it folds into the other-group. The manifest's version is the offset of its last change: a record at or
 * below it whose group it lacks met a full manifest.
 */
export function applyRecord(
  docs: Map<string, PartialDoc>,
  target: ViewTarget,
  record: ProjectedRecord,
): void {
  const keys = docKeysFor(target, record);
  if (keys.length === 0) return;
  const [manifestKey, groupKey, otherKey] = keys as [PartialKey, PartialKey, PartialKey];
  applyToDocs(target.definition, record, groupKey.group, {
    manifest: required(docs, manifestKey),
    group: required(docs, groupKey),
    other: required(docs, otherKey),
  });
}

/** `applyRecord` on the documents of `docKeysFor`, already looked up (the projector holds their ids). */
export function applyToDocs(
  definition: ViewDefinition,
  record: ProjectedRecord,
  group: string,
  docs: { readonly manifest: PartialDoc; readonly group: PartialDoc; readonly other: PartialDoc },
): void {
  const { manifest } = docs;
  const groups = manifest.groups ?? [];
  let kept = groups.includes(group);
  if (!kept && record.offset > manifest.version && groups.length < definition.groupCap) {
    manifest.groups = [...groups, group];
    manifest.partial.count = manifest.groups.length;
    manifest.version = record.offset;
    manifest.dirty = true;
    kept = true;
  }
  const doc = kept ? docs.group : docs.other;
  if (record.offset <= doc.version) return;
  addEvent(doc.partial, definition, record.event);
  doc.version = record.offset;
  doc.dirty = true;
}

function required(docs: Map<string, PartialDoc>, key: PartialKey): PartialDoc {
  const doc = docs.get(partialDocId(key));
  if (!doc) throw new Error(`partial document not loaded: ${JSON.stringify(key)}`);
  return doc;
}
