export * from './gc-tuning.ts';
export * from './http-server.ts';
export * from './logger.ts';
export * from './ops-routes.ts';
export * from './shutdown.ts';
