// `npm run migrate`: creates the topics, keyspace and index templates (idempotent).
import { migrateEngines } from './stack.ts';

await migrateEngines();
