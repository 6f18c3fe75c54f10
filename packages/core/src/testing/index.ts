export * from './engines.ts';
