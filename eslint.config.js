import js from '@eslint/js';
import angular from 'angular-eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The client's feature folders: core/ and ui/ sit under them and import none of them.
const clientFeatures = [
  'account',
  'client-portal',
  'therapist',
  'admin',
  'auth',
  'caseload',
  'psychoeducation',
  'scheduling',
  'screening',
];
const clientNeverImportsServer = {
  group: ['**/server/**', '@attune/server', '@nestjs/*', 'typeorm'],
  message: 'The client never imports server code.',
};

const nestOrOrm = [
  '@nestjs/*',
  'typeorm',
  '@angular/*',
  'class-validator',
  'class-transformer',
  'pg',
  'fastify',
];

// The code whose types the lint reads (each folder has its own tsconfig.json; the project
// service finds it). The client has its own block (angular-eslint).
const typed = [
  'server/**/*.ts',
  'shared/**/*.ts',
  'migrations/**/*.ts',
  'e2e/**/*.ts',
  'scripts/**/*.mjs',
];
// Tests assert on supertest's `res.body` and on raw rows, which are `any` by design.
const tests = ['**/*.spec.ts', 'server/test/**/*.ts', 'shared/testing/**/*.ts', 'e2e/**/*.ts'];

// The server's feature folders (everything under src/ that is not the base or a root file).
const SERVER = './server/src';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.angular/**',
      '.data/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules for the server, the contract, migrations, scripts and browser journeys:
    // all of recommendedTypeChecked (floating promises, misused promises, `any` leaking out of
    // SQL results, template strings of objects, awaiting non-promises...), plus exhaustive
    // switches over the shared unions and `return await` inside try (a returned promise that
    // rejects there skips the catch).
    files: typed,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // Fastify hooks and Nest interfaces want a function that returns a promise; `async`
      // without `await` is the plain way to write one.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript: no declared types, so `any` is everywhere and says nothing.
    files: ['scripts/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: tests,
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // expect(obj.method).toHaveBeenCalled() and friends read methods without calling them.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The contract package stays framework-free so both sides can compile against it.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nestOrOrm,
              message: '@attune/shared must not import Nest, TypeORM or Angular.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [clientNeverImportsServer] }],
    },
  },
  {
    // The Angular client: type-aware typescript-eslint (its own tsconfigs, through the project
    // service) and angular-eslint's recommended rules; inline templates are linted as templates.
    files: ['client/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked, ...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Angular's validators are static functions that never read `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
    },
  },
  {
    // Templates (files and inline): angular-eslint's recommended and accessibility rules.
    files: ['client/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    // core/ and ui/ serve every feature, so they may import none (bitwarden's import zones).
    files: ['client/src/app/core/**/*.ts', 'client/src/app/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            clientNeverImportsServer,
            {
              regex: `(^|/)(${clientFeatures.join('|')})(/|$)`,
              message:
                'core/ and ui/ import no feature folder: move what both need into core/ or ui/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/client/**', '@angular/*'],
              message: 'The server never imports client code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layers inside the server (bitwarden's zones): the base (common/, database/) is imported by
    // features and never imports one; no import cycles anywhere in the server or the contract.
    files: ['server/**/*.ts', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['server/tsconfig.json', 'shared/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: ['common', 'database'].map((base) => ({
            target: `${SERVER}/${base}`,
            from: SERVER,
            except: ['./common', './database', './config.ts'],
            message: `server/src/${base} is the base every feature builds on: it must not import a feature folder.`,
          })),
        },
      ],
    },
  },
  {
    // Services hold the rules; SQL, query builders and entity reads live in the feature's
    // <feature>/*.repository.ts (immich's repositories inside twenty's feature folders).
    files: ['server/src/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|existsBy|findOneBy|findOneByOrFail|findBy|count)$/]',
          message:
            'A service holds rules, not SQL: put the query in the feature repository (<feature>/*.repository.ts).',
        },
      ],
    },
  },
);
