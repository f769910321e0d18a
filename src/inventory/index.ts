export { buildInventory } from './build/index.js';
export { Inventory } from './inventory.js';
export type * from './types.js';
