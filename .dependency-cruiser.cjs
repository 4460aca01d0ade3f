// The layers of OpenChecker, written down once. test/architecture.test.ts fails on any violation (in `npm test`);
// `npm run layers` prints the folder graph and the violations for humans; docs/architecture.md explains them.
//
// Why dependency-cruiser rather than eslint-plugin-boundaries: it reads the TypeScript sources through the
// compiler (type-only imports and the registry's dynamic import() calls count too), its rules are plain data
// we can generate from the one list below, and its API returns the whole module graph, from which the test
// also derives the folder graph to find cycles between folders — which neither tool checks at that grain.

/** Top to bottom: a file may import its own tier and the tiers below it, never a tier above. The first
 * pattern that matches a path gives its tier. Folders in one tier may import each other one way only (the
 * folder-cycle check in the test). */
const LAYERS = [
  { name: 'cli', path: '^src/cli/' },
  { name: 'server', path: '^src/server/' },
  { name: 'api, agent', path: '^src/(api|agent)/' },
  { name: 'tasks, queue, store, users', path: '^src/(tasks|queue|store|users)/' },
  // The checkers layer has three floors: the wiring that lists and loads checkers, the checker folders, and
  // the kit they share (the contract in types.ts, the upstream catalogue, shared/).
  { name: 'checkers: wiring', path: '^src/checkers/(registry|metadata|runner)\\.ts$' },
  { name: 'checkers: one folder per command', path: '^src/checkers/(?!shared/)[^/]+/' },
  { name: 'checkers: kit', path: '^src/checkers/' },
  { name: 'analysis', path: '^src/analysis/' },
  { name: 'platforms', path: '^src/platforms/' },
  // config imports nothing from src; lib imports nothing above itself. Both are imported by everything.
  { name: 'lib, config', path: '^src/(lib|config)/' },
];

/** Tests may import anything: they are not cruised at all. */
const TESTS = '\\.test\\.ts$';
/** Where tests and their helpers live; production code never imports them. */
const TEST_CODE = ['^(test|bench|dashboard/test)/', TESTS];

/** One node of the folder graph (the folder-cycle check): the first alternative that matches a path. */
const FOLDER_NODE = [
  '^src/checkers/(registry|metadata|runner)\\.ts$', // the wiring, each file its own node
  '^src/checkers/(?!shared/)[^/]+/', // one node per checker folder
  '^src/(analysis|platforms|lib)/[^/]+/', // one node per analysis library, service-client folder, lib sub-folder
  '^src/[^/]+/', // one node per top folder (its own files; for checkers also shared/)
  '^[^/]+/', // anything else (test helpers a production file should not import)
].join('|');

const checkerFolder = '^src/checkers/(?!shared/)[^/]+/';

/** "Nothing points up": one rule per tier, forbidding every tier above it. */
const layerRules = LAYERS.slice(1).map((layer, index) => {
  const above = LAYERS.slice(0, index + 1).map((upper) => upper.path);
  return {
    name: `up-from-${layer.name.replace(/[^a-z]+/g, '-')}`,
    comment: `'${layer.name}' imports only its own tier and those below it (${above.length} tier(s) above it)`,
    severity: 'error',
    from: { path: layer.path, pathNot: [...above, TESTS] },
    to: { path: above },
  };
});

/** The wiring and the tiers above the checker folders reach a checker only through the registry. */
const aboveCheckerFolders = LAYERS.slice(0, LAYERS.findIndex((layer) => layer.path === checkerFolder)).map((l) => l.path);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-sibling-checkers',
      comment: 'A checker folder never imports another checker folder; shared code goes to src/checkers/shared or lower',
      severity: 'error',
      from: { path: '^src/checkers/([^/]+)/', pathNot: ['^src/checkers/shared/', TESTS] },
      to: { path: checkerFolder, pathNot: ['^src/checkers/$1/'] },
    },
    {
      name: 'checker-meta-types-only',
      comment: "A checker's meta.ts is read by the API, `commands` and --help: it imports nothing but types",
      severity: 'error',
      from: { path: '^src/checkers/[^/]+/meta\\.ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-registry-loads-checker-code',
      comment: "Only src/checkers/registry.ts imports a checker's index.ts (loaded when the command runs)",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/checkers/registry\\.ts$', TESTS] },
      to: { path: `${checkerFolder}index\\.ts$` },
    },
    {
      name: 'checker-folders-are-private',
      comment: "Above the checkers, only the wiring reaches into a checker folder (registry.ts: index.ts, metadata.ts: meta.ts)",
      severity: 'error',
      from: { path: aboveCheckerFolders, pathNot: ['^src/checkers/(registry|metadata)\\.ts$', TESTS] },
      to: { path: checkerFolder },
    },
    {
      name: 'analysis-not-checkers',
      comment: 'Analysis libraries know nothing of checkers (the layer rule says it too; this names it)',
      severity: 'error',
      from: { path: '^src/analysis/', pathNot: [TESTS] },
      to: { path: '^src/checkers/' },
    },
    {
      name: 'production-not-test-code',
      comment: 'Production code (src/, not *.test.ts) never imports tests or test helpers: they are not shipped',
      severity: 'error',
      from: { path: '^src/', pathNot: [TESTS] },
      to: { path: TEST_CODE },
    },
    {
      name: 'production-not-test-runner',
      comment: 'A module that imports node:test or node:assert is a test helper: it belongs in test/support/',
      severity: 'error',
      from: { path: '^src/', pathNot: [TESTS] },
      to: { dependencyTypes: ['core'], path: '^(node:)?(test|assert)(/|$)' },
    },
    {
      name: 'production-not-dev-dependency',
      comment: 'Production code runs without devDependencies (the image prunes them); types alone are fine',
      severity: 'error',
      from: { path: '^src/', pathNot: [TESTS] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
    {
      name: 'production-reachable',
      comment:
        'Every production module is reachable from the CLI (or is a worker-thread entry): one only tests reach is a test helper',
      severity: 'error',
      from: { path: '^src/cli/main\\.ts$' },
      to: { path: '^src/.+\\.ts$', pathNot: ['^src/store/checkpoint-worker\\.ts$', TESTS], reachable: false },
    },
    {
      name: 'imports-resolve',
      comment: 'An import the guard cannot resolve would escape every rule above',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Tests are left out of the graph: they may import anything.
    exclude: { path: TESTS },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are imports too (a meta.ts may have only those; a lower layer may not have them upward).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      archi: { collapsePattern: FOLDER_NODE },
      dot: { collapsePattern: FOLDER_NODE },
      text: { highlightFocused: true },
    },
  },
};

// The tiers and the folder-node pattern, for test/support/layers.ts. Not enumerable: dependency-cruiser's
// configuration schema allows no other keys, and it only sees enumerable ones.
Object.defineProperty(module.exports, 'openchecker', { value: { layers: LAYERS, folderNode: FOLDER_NODE }, enumerable: false });
