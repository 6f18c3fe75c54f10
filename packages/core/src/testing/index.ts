export * from './engines.ts';
export * from './auth.ts';
