// House rules as lint rules: the layers of ARCHITECTURE.md, a pure domain, env read in one place.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layerImports = (allowed, forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: forbidden.map((layer) => ({
        regex: `^(#${layer}/|(\\.\\./)+(src/)?${layer}/)`,
        message: `This layer may import only ${allowed}. See ARCHITECTURE.md.`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/server/config.ts reads process.env.',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      ...layerImports('domain', ['shared', 'server', 'web']),
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process']",
          message: 'The domain has no environment: pass values in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain has no clock: take `today` as a parameter.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain has no clock: take `today` as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain is deterministic: pass randomness in.',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(#(shared|server|web)/|(\\.\\./)+(src/)?(shared|server|web)/)',
              message: 'The domain imports only the domain.',
            },
            { regex: '^(node:|fs$|path$|http$|https$|crypto$|child_process$)', message: 'The domain does no I/O.' },
          ],
        },
      ],
    },
  },
  { files: ['src/shared/**/*.ts'], rules: layerImports('domain and shared', ['server', 'web']) },
  {
    files: ['src/cli/**/*.ts'],
    rules: { ...layerImports('domain, shared and cli', ['server', 'web']), 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { ...layerImports('domain, shared and server', ['web']), 'no-console': 'error' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layerImports('domain, shared and web', ['server']),
  },
  {
    files: [
      'src/server/config.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.mjs',
      'playwright.config.ts',
      'bin/**/*.mjs',
      '*.config.{js,ts}',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/server/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
