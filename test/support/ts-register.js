/**
 * Lets a child `node` process run the TypeScript sources directly (for tests that
 * kill -9 a real Synchro process): `.ts` files are transpiled to CommonJS on
 * require. NestJS's ES modules load through Node's own require(esm).
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      useDefineForClassFields: false,
    },
  });
  module._compile(outputText, filename);
};
