// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', '**/dist', 'node_modules', 'test/fixtures/generated', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Config files, the mock, scripts and e2e tests run in Node.
    files: [
      '*.{js,mjs,ts}',
      'test/**/*.{mjs,ts}',
      'mock/**/*.ts',
      'server/**/*.ts',
      'scripts/**/*.{mjs,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // The example apps' code runs in the browser; their build configs in Node.
    files: ['examples/*/src/**/*.{js,ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['examples/*/*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Library code reports through typed events and errors, never the console.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
