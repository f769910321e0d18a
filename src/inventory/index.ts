export { buildInventory } from './build.js';
export { Inventory } from './inventory.js';
export type * from './types.js';
