/**
 * Layer rules, checked by `npm run lint` (depcruise src). See docs/CONVENTIONS.md "Layers".
 *
 * 1. A module never imports one above it. LAYERS lists src/ modules bottom-up; a file in LAYERS[i]
 *    may import LAYERS[0..i] only. src/app.module.ts, bootstrap.ts and main.ts sit on top.
 * 2. Controllers stay thin: no TypeORM (they delegate to services).
 * 3. Pure logic (PURE) imports neither Nest nor TypeORM, so it is unit-tested with plain tables.
 */
/** @type {string[]} bottom first */
const LAYERS = [
  'config',
  'common',
  'database',
  'secrets',
  'audit',
  'metrics',
  'odoo',
  'extensions',
  'settings',
  'api-keys',
  'web-services',
  'sync-models',
  'sync-objects',
  'change-control',
  'sync-state',
  'mapping',
  'drift',
  'flapping',
  'engine',
  'outbox',
  'flapping-admin',
  'scheduler',
  'realtime',
  'config-transfer',
  'health',
  'alerts',
  'console',
  'cli',
];

/**
 * Arrows that still run upward, each being removed (issue 10, "Layers"). Listed by file so that a
 * new upward import elsewhere in the same module still fails. Delete an entry once its arrow is gone.
 */
const KNOWN_UPWARD = [];

const PURE = [
  'src/config/instance-name.ts',
  'src/odoo/domain/',
  'src/odoo/values/',
  'src/odoo/model-definition.ts',
  'src/odoo/model.registry.ts',
  'src/common/body-parsing.ts',
  'src/common/errors.ts',
  'src/common/text-of.ts',
  'src/mapping/inbound-mapper.ts',
  'src/mapping/outbound-mapper.ts',
  'src/mapping/field-ownership.ts',
  'src/drift/drift-detector.ts',
  'src/flapping/flapping-detector.ts',
  'src/engine/merge.ts',
  'src/sync-objects/sync-object.rules.ts',
  'src/sync-objects/schedule.ts',
  'src/sync-objects/guard.ts',
  'src/sync-objects/sync-object.types.ts',
  'src/outbox/backoff.ts',
  'src/outbox/webhook-signature.ts',
  'src/realtime/sync-envelope.ts',
  'src/secrets/secrets.cipher.ts',
  'src/web-services/web-service.rules.ts',
  'src/web-services/outbound/outbound-result.ts',
  'src/web-services/outbound/throttle.ts',
  'src/engine/inbound-reapply.ts',
  'src/web-services/outbound/call-record.ts',
  'src/api-keys/api-key.secret.ts',
  'src/api-keys/key-cache.ts',
  'src/change-control/csv.ts',
  'src/change-control/safe-json.ts',
  'src/change-control/change-log-entry.ts',
  'src/change-control/change-log-filter.ts',
  'src/change-control/change-log.builder.ts',
  'src/outbox/delivery-outcome.ts',
  'src/scheduler/cron-protocol.ts',
  'src/scheduler/sync-run.types.ts',
  'src/audit/audit-diff.ts',
  'src/audit/audit.types.ts',
  'src/alerts/alert.rules.ts',
];

// A renamed or moved pure file must not silently drop out of the rule.
const missing = PURE.filter((path) => !require('node:fs').existsSync(path));
if (missing.length > 0) throw new Error(`.dependency-cruiser.cjs PURE lists missing paths: ${missing.join(', ')}`);

const escapeDots = (path) => path.replace(/[.]/g, '\\.');
const dir = (module) => `^src/${module}/`;
const anyOf = (paths) => `(${paths.join('|')})`;

const layerRules = LAYERS.flatMap((module, i) => {
  const above = LAYERS.slice(i + 1).map(dir);
  if (above.length === 0) return [];
  const exceptions = KNOWN_UPWARD.filter((e) => e.from.startsWith(dir(module)));
  const rules = [
    {
      name: `layer-${module}`,
      comment: `${module} sits below ${LAYERS.slice(i + 1).join(', ')}: it must not import them (LAYERS in .dependency-cruiser.cjs).`,
      severity: 'error',
      from: { path: dir(module), pathNot: exceptions.map((e) => e.from) },
      to: { path: anyOf(above) },
    },
  ];
  for (const e of exceptions) {
    rules.push({
      name: `layer-${module}`,
      comment: `known upward arrow ${e.from} → ${e.to} (KNOWN_UPWARD); nothing else may go up from this file.`,
      severity: 'error',
      from: { path: e.from },
      to: { path: anyOf(above), pathNot: e.to },
    });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'module-in-layers',
      comment: 'Every src/ folder is a module with its place in LAYERS (.dependency-cruiser.cjs), or its imports go unchecked.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/${anyOf(LAYERS)}/` },
      to: {},
    },
    {
      name: 'nothing-imports-the-app',
      comment: 'app.module.ts, bootstrap.ts and main.ts assemble the modules; no module imports them.',
      severity: 'error',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/(app\\.module|bootstrap|main)\\.ts$' },
    },
    {
      name: 'controllers-without-typeorm',
      comment: 'Controllers delegate to services; no TypeORM in a controller.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '^node_modules/typeorm/' },
    },
    {
      name: 'pure-logic-without-frameworks',
      comment: 'Pure logic: no Nest, no TypeORM (PURE in .dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: `^${anyOf(PURE.map(escapeDots))}` },
      to: { path: '^node_modules/(@nestjs/|typeorm/)' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
