/** `npm run test:browser`: the admin console in headless Chromium against a built Synchro (see test/browser/harness.ts). */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testRegex: '.*\\.browser-spec\\.ts$',
  testTimeout: 240000,
};
