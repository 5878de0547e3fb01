import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const uiOnly = ['react', 'react-dom', 'zustand', '@xyflow/react', '@codemirror/*', 'codemirror', 'comlink', '@tanstack/*', 'sql.js', 'idb'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-e2e/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // The core is pure TypeScript: it runs in the worker, in Node and in tests alike.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiOnly, message: 'core must not depend on UI, worker or sql.js packages' },
          { group: ['**/ui/**', '**/worker/**', '**/client/**', '**/cli/**', '**/node/**', 'node:*'], message: 'core imports nothing outside core' },
        ],
      }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/*/**', '!**/core/index'], message: 'ui imports core only through src/core/index.ts' },
          { group: ['sql.js'], message: 'ui reaches sql.js only through src/client' },
        ],
      }],
    },
  },
);
