export {
  createTidemark,
  type Rejected,
  sdkName,
  sdkVersion,
  type Tidemark,
  type TidemarkOptions,
  type TrackOptions,
  type TransportName,
} from './client.ts';
export type { Properties, PropertyValue, SendOutcome, Transport, WireEvent } from './protocol.ts';
export {
  createLocalStorage,
  createMemoryStorage,
  type LocalStorageOptions,
  type QueueStorage,
} from './storage.ts';
export { uuidV7 } from './uuid-v7.ts';
