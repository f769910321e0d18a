export { diffHasChanges, diffSnapshots } from './diff.js';
export { renderDiffHtml } from './html.js';
export { renderDiff, typeLabel } from './render.js';
export type * from './types.js';
