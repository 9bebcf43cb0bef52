// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'bench/tmp/**',
      'bench/.snapshot/**',
      'console/dist/**',
      'console/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      // Prettier wraps code at 140 columns but leaves long strings and comments alone: split those.
      'max-len': ['error', { code: 140, tabWidth: 2 }],
    },
  },
  {
    // Plain CommonJS configuration (jest.config.js).
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __filename: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Layer rule: controllers stay thin and never touch the database directly.
    files: ['src/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'typeorm', message: 'Controllers delegate to services; no TypeORM here.' }] }],
    },
  },
  {
    // Pure logic: no Nest, no TypeORM.
    files: [
      'src/odoo/domain/**/*.ts',
      'src/odoo/values/**/*.ts',
      'src/odoo/model-definition.ts',
      'src/odoo/model.registry.ts',
      'src/config/app-config.ts',
      'src/common/body-parsing.ts',
      'src/common/errors.ts',
      'src/engine/inbound-mapper.ts',
      'src/engine/outbound-mapper.ts',
      'src/sync-objects/sync-object.rules.ts',
      'src/sync-objects/schedule.ts',
      'src/sync-objects/sync-object.types.ts',
      'src/outbox/backoff.ts',
      'src/outbox/webhook-signature.ts',
      'src/realtime/sync-envelope.ts',
      'src/web-services/secrets.cipher.ts',
      'src/web-services/web-service.rules.ts',
      'src/web-services/outbound/outbound-result.ts',
      'src/api-keys/api-key.secret.ts',
      'src/api-keys/key-cache.ts',
      'src/change-control/csv.ts',
      'src/change-control/safe-json.ts',
      'src/change-control/change-log-entry.ts',
      'src/change-control/change-log-filter.ts',
      'src/engine/merge.ts',
      'src/scheduler/cron-protocol.ts',
      'src/scheduler/sync-run.types.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@nestjs/*', 'typeorm'], message: 'Pure logic: no framework imports.' }] }],
    },
  },
);
