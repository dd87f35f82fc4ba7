// Lint: type-aware typescript-eslint, zero warnings, and the layer boundaries of DESIGN.md §1
// (renderer -> contract <- rpc -> services -> db; transports and main outside).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = { name: 'electron', message: "Only electron/main, electron/preload and transports/ipc.ts may import 'electron' (it cannot load under plain Node)." };
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'data', 'test-results', 'playwright-report', 'db/migrations', '.bench-tmp', '.electron-native', 'e2e-scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict([], [electronOnly]),
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [
          { group: ['**/electron/services/**', '**/electron/rpc/**', '**/electron/transports/**', '**/electron/main/**', '**/db/**'], message: 'The renderer knows only electron/contract and rpc.call().' },
          { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
        ],
        [electronOnly, { name: 'better-sqlite3', message: 'No database in the renderer.' }],
      ),
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['../*', '../../*', 'node:*'], message: 'The contract imports only zod and itself.' }],
        [electronOnly],
      ),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/rpc/**', '**/transports/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'Services and db sit below rpc and the transports.' }],
        [electronOnly],
      ),
    },
  },
  {
    files: ['electron/rpc/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/transports/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'rpc sits below the transports.' }],
        [electronOnly],
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/transports/ipc.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
