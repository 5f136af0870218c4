const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // ESM-only, required by @fastify/static: see the shim's header.
    '^content-disposition$': '<rootDir>/test/shims/content-disposition.cjs',
  },
  transform: { '^.+\\.ts$': swc },
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src'] },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
      testTimeout: 30000,
    },
  ],
};
