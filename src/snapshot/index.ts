export * from './read.js';
export * from './write.js';
export type * from './types.js';
