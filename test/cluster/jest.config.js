/** The cluster tier (npm run test:cluster): only *.cluster-spec.ts, against the Galera cluster run.sh starts. */
const base = require('../../jest.config');

module.exports = { ...base, rootDir: '../..', roots: ['<rootDir>/test/cluster'], testRegex: '.*\\.cluster-spec\\.ts$' };
