/**
 * `npm run test:reliability`: the guarantees of DESIGN.md under attack and failure (issue #15), on the
 * database DATABASE_URL names (SQLite by default). Each spec publishes its figures to
 * docs/reliability/results.json, and docs/RELIABILITY.md is rewritten from them (support/report.ts).
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/reliability'],
  testRegex: '.*\\.reliability-spec\\.ts$',
  testTimeout: 600000,
};
