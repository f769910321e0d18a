// The import rules that keep plaudit's layers one-way (run by `npm run lint`):
//   snapshot <- inventory <- net <- checks <- engine <- reports / cli / action
// with the zone table (data) beside the snapshot layer, collection (azure) reading only those two,
// and trace and diff beside the checks. Each layer lists what it may import; the rest is forbidden.
// Files at the top of src (ids, errors, version) are leaves every layer may use.
const layers = [
  'data',
  'snapshot',
  'azure',
  'inventory',
  'net',
  'checks',
  'trace',
  'diff',
  'engine',
  'config',
  'reports',
  'merge',
  'cli',
  'action',
];
const model = ['data', 'snapshot', 'inventory', 'net'];
const mayImport = {
  data: ['snapshot'],
  snapshot: [],
  azure: ['data', 'snapshot'],
  inventory: ['data', 'snapshot'],
  net: ['data', 'snapshot', 'inventory'],
  checks: model,
  trace: model,
  diff: model,
  engine: [...model, 'checks'],
  config: [...model, 'checks', 'engine'],
  reports: [...model, 'checks', 'engine'],
  merge: [...model, 'checks', 'engine', 'reports', 'azure'],
};
const pathOf = (name) => `^(src/${name}|${name})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles tie modules together so neither can change alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(mayImport).map(([layer, allowed]) => ({
      name: `${layer}-imports-only-below`,
      comment: `${layer} may import only ${allowed.join(', ') || 'the leaf modules'}.`,
      severity: 'error',
      from: { path: pathOf(layer) },
      to: {
        path: `(${layers
          .filter((other) => other !== layer && !allowed.includes(other))
          .map(pathOf)
          .join('|')})`,
      },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts|\\.cases\\.ts)$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
