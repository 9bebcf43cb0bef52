/**
 * Jest runs CommonJS; NestJS 12 ships ES modules only. Node 20.19 loads them
 * from our compiled CommonJS through require(esm), but Jest's module system
 * cannot, so for tests the ESM packages are transpiled to CommonJS here.
 * `createRequire(import.meta.url)` becomes the module's own `require`.
 */
const crypto = require('node:crypto');
const ts = require('typescript');

const VERSION = '1';

module.exports = {
  process(source, filename) {
    const code = source
      .replace(/^\s*const require = createRequire\(import\.meta\.url\);?\s*$/m, '')
      .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");
    const output = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    return { code: output.outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(VERSION).update(filename).update(source).digest('hex');
  },
};
