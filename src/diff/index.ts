export { diffHasChanges, diffSnapshots } from './diff.js';
export { renderDiff, typeLabel } from './render.js';
export type * from './types.js';
