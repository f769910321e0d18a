// The import rules that keep plaudit's layers one-way (run by `npm run lint`):
//   snapshot <- inventory <- net <- checks <- engine <- reports / cli / action
// with data (the zone table) at the bottom, and collection (src/azure) beside the snapshot layer.
const layer = (name) => `^(src/${name}|${name})/`;
const above = {
  data: [
    'inventory',
    'net',
    'checks',
    'engine',
    'reports',
    'cli',
    'action',
    'azure',
    'trace',
    'diff',
    'merge',
    'config',
  ],
  snapshot: [
    'inventory',
    'net',
    'checks',
    'engine',
    'reports',
    'cli',
    'action',
    'azure',
    'trace',
    'diff',
    'merge',
    'config',
  ],
  inventory: ['net', 'checks', 'engine', 'reports', 'cli', 'action', 'azure', 'trace', 'diff', 'merge', 'config'],
  net: ['checks', 'engine', 'reports', 'cli', 'action', 'azure', 'trace', 'diff', 'merge', 'config'],
  checks: ['engine', 'reports', 'cli', 'action', 'azure', 'trace', 'diff', 'merge', 'config'],
  engine: ['reports', 'cli', 'action', 'azure', 'trace', 'diff', 'merge', 'config'],
  azure: ['inventory', 'net', 'checks', 'engine', 'reports', 'cli', 'action', 'trace', 'diff', 'merge'],
  trace: ['checks', 'engine', 'reports', 'cli', 'action', 'azure', 'diff', 'merge'],
  diff: ['checks', 'engine', 'reports', 'cli', 'action', 'azure', 'trace', 'merge'],
  reports: ['cli', 'action', 'azure', 'trace', 'diff', 'merge'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles tie modules together so neither can change alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(above).map(([from, forbidden]) => ({
      name: `${from}-imports-downward-only`,
      comment: `${from} may import only the layers below it.`,
      severity: 'error',
      from: { path: layer(from) },
      to: { path: `(${forbidden.map(layer).join('|')})` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts|\\.cases\\.ts)$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
