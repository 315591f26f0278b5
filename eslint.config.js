import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const modules = [
  'intake',
  'analysis',
  'leads',
  'cases',
  'recovery',
  'family',
  'training',
  'review',
  'stats',
  'security',
  'db',
  'http',
];
// Besides index.ts: the server itself, imported by src/main.ts and tests only (the route kit is in http/index.ts).
const otherEntries = { http: ['app.ts'] };

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Modules meet at index.ts: another module's internals are out of bounds.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: modules.map((m) => ({
            group: [
              `../${m}/*`,
              `../../${m}/*`,
              ...['index.ts', ...(otherEntries[m] ?? [])].flatMap((f) => [`!../${m}/${f}`, `!../../${m}/${f}`]),
            ],
            message: `Import from ${m}/index.ts, not from its internals.`,
          })),
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
