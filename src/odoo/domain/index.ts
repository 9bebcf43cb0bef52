/** Odoo domains: parse `[('field', 'op', value), ...]` text and compile it to SQL conditions. */
export * from './domain.types';
export * from './domain.errors';
export { parseDomain } from './domain.parser';
export { compileDomain, domainToSql, validateDomain } from './domain.compiler';
export type { CompileOptions, CompiledDomain } from './domain.compiler';
export type { SqlDialect } from './domain.sql';
