// Jest snapshots live in the top-level __snapshots__/ folder, one file per test file.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tests = path.join(root, 'test');
const snapshots = path.join(root, '__snapshots__');

module.exports = {
  resolveSnapshotPath: (testPath, extension) => path.join(snapshots, path.relative(tests, testPath) + extension),
  resolveTestPath: (snapshotPath, extension) =>
    path.join(tests, path.relative(snapshots, snapshotPath).slice(0, -extension.length)),
  testPathForConsistencyCheck: path.join(tests, 'topology', 'load.test.ts'),
};
