export * from './kafka-client.ts';
export * from './kafka-event-log.ts';
export * from './kafka-probe.ts';
export * from './kafka-threaded-event-log.ts';
export * from './kafka-topics.ts';
