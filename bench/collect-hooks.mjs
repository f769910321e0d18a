// Lets Node run the project's TypeScript directly (type stripping) for the collection benchmark. The
// sources import each other with `.js` specifiers, as tsc's NodeNext resolution wants; map those
// to the `.ts` files when no `.js` file exists.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code === 'ERR_MODULE_NOT_FOUND' && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});
