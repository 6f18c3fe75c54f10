// Node-only parts, kept out of the browser entry so that bundlers never see node: imports.
export { createFileStorage } from './file-storage.ts';
