import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '@attune/server', '@nestjs/*', 'typeorm'],
              message: 'The client never imports server code.',
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
