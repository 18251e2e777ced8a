// ESM throughout: Nest 12 ships as ES modules, and on Node 20 jest loads them only in ESM mode
// (`node --experimental-vm-modules`, see package.json scripts).
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#projections$': '<rootDir>/libs/projections/src/index.ts',
    // CommonJS that require()s Nest's ES modules: jest loads that only on Node >= 24.9 (see the bridge).
    '^@nestjs/throttler$': '<rootDir>/test/support/nestjs-throttler.bridge.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    // Type errors are the job of `npm run typecheck`; here ts-jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  // End-to-end and browser tests start Carnet, load scenarios and drive chromium through page loads and live pushes: on
  // a loaded 2-core CI runner one step can take seconds, and jest's 5 s default failed a browser test that was right.
  // Jest 30 reads testTimeout only here, for every project, and `--testTimeout` on the command line overrides it. In the
  // browser, Playwright's own waits stop first (setDefaultTimeout in the spec): a missing element is reported by its locator.
  testTimeout: 45_000,
  projects: [
    { ...shared, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', rootDir: '.', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Drives Debian's chromium (.ci/run installs it) against the built dashboard.
    {
      ...shared,
      displayName: 'browser',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/*.browser-spec.ts'],
    },
  ],
};
