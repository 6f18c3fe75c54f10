export { type AuthResult, authenticate, authenticateWith } from './authenticate.ts';
export { isSameOrigin } from './origin.ts';
export type { Principal } from './principal.ts';
