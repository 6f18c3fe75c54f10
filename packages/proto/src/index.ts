export * from './event-encoder.ts';
export * from './event-mapping.ts';
export { tidemark } from './generated/tidemark.js';
