import js from '@eslint/js';
import angular from 'angular-eslint';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The client's feature folders: core/ and ui/ sit under them and import none of them.
const clientFeatures = [
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
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
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
);
