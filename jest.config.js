/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `npm run build` (tsc --noEmit); ts-jest only transpiles,
  // which keeps the 1 MB generated imports/k8s.ts from being checked per file.
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
  testTimeout: 30000,
};
