// Lint rules for the whole repository: typed TypeScript rules, no focused or skipped tests, and the house's
// import boundaries between services, infrastructure and domain code (scripts/eslint/boundaries.js).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import house from './scripts/eslint/boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.local/',
      'coverage/',
      'bench-results/',
      '**/dist/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Focused tests are not allowed.' },
        { object: 'it', property: 'skip', message: 'Skipped tests are not allowed.' },
        { object: 'it', property: 'todo', message: 'Placeholder tests are not allowed.' },
        { object: 'test', property: 'only', message: 'Focused tests are not allowed.' },
        { object: 'test', property: 'skip', message: 'Skipped tests are not allowed.' },
        { object: 'describe', property: 'only', message: 'Focused tests are not allowed.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests are not allowed.' },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    plugins: { house },
    rules: { 'house/boundaries': 'error' },
  },
  {
    // What Lambda functions load: zod/mini (tree-shakes, cheap to build), never classic zod, which costs
    // about 60 KB and 10-20 ms of every cold start (docs/bench.md). Types from classic zod load nothing.
    files: [
      'functions/**/*.ts',
      'events/**/*.ts',
      'packages/lambda-kit/**/*.ts',
      'packages/contracts/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message: "Use 'zod/mini' on the runtime path (docs/bench.md).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
