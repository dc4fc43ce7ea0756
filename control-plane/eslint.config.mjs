// The control plane's and its web app's lint: typescript-eslint's recommended rules, React's hook rules
// for the web app. Formatting is Prettier's (.prettierrc.json); `npm test` runs both checks.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['src/generated/**', 'dist/**', 'web/dist/**', 'web/screenshots/**', 'web/src/lib/api/schema.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The type checker (noUnusedLocals/Parameters) already refuses these; `_name` marks a deliberate omission.
      // A variable a closure reads before its one assignment (the launcher's server) cannot be a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read loose JSON answers (supertest's bodies are `any` already); production code may not.
    files: ['**/*.test.ts', '**/*.test.tsx', 'src/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hook rules; the React Compiler's rules are for code the compiler builds, and this app does not use it.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
