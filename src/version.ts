import packageJson from '../package.json' with { type: 'json' };

export const toolName = 'plaudit';
export const toolVersion: string = packageJson.version;
/** Where the generated check docs are published; rule help links derive from it. */
export const docsBaseUrl = 'https://github.com/plaudit-dev/plaudit/blob/main/docs/checks';
