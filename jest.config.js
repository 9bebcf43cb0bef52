/**
 * One suite for SQLite (default) and MariaDB (DATABASE_URL=mysql://...), in three tiers:
 * test/unit (pure logic), test/medium (a real database, no HTTP), test/e2e (the real app over HTTP).
 *
 * @swc/jest compiles our TypeScript (legacy decorators + their metadata, as tsc does for Nest's DI
 * and class-validator) and the ES modules NestJS 12 ships to CommonJS, the module system Jest runs.
 * Types are checked by `npm run typecheck` (tsc over src, test, bench and scripts), not here.
 */
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  '@borewit',
  '@apidevtools',
];

const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': swc('typescript'),
    '^.+\\.js$': swc('ecmascript'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // The secret scan (test/support/secret-capture.ts): a capture folder for the run, every app's
  // log lines and answers captured into it, and all of them searched for every secret at the end.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/capture-setup.ts'],
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
