export * from './domain/ingest-limits.ts';
export * from './domain/names.ts';
export * from './domain/normalize-event.ts';
export * from './domain/rejection.ts';
export * from './domain/tracked-event.ts';
export * from './domain/uuidv7.ts';
export * from './engine-config.ts';
export * from './errors.ts';
export type * from './ports/event-log.ts';
