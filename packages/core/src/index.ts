export * from './domain/names.ts';
export * from './engine-config.ts';
export * from './errors.ts';
export type * from './ports/event-log.ts';
