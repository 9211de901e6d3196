// ESLint (flat config): typescript-eslint's recommended rules, as VS Code extensions use them, and
// lines of at most 120 characters in src. `npm run lint`; part of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LONG_LINES_LEFT = [
  'src/cli/draft.ts',
  'src/cli/lint.ts',
  'src/cli/main.ts',
  'src/core/feeds/dates.ts',
  'src/core/feeds/fetch.ts',
  'src/core/feeds/parse.ts',
  'src/core/frontmatter/lint.ts',
  'src/core/frontmatter/yamlErrors.ts',
  'src/core/html/entities.ts',
  'src/core/html/scan.ts',
  'src/core/html/text.ts',
  'src/core/roundup/links.ts',
  'src/core/roundup/rules.ts',
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.vscode-test/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Feeds and posts hold control characters; the patterns that find them are on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  { files: ['src/**/*.ts'], rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] } },
  // Not wrapped yet: the files other branches are rewriting now (fetch, parse, YAML errors, links, the CLI,
  // html); they are wrapped when those land. Shrink this list, never grow it.
  ...(LONG_LINES_LEFT.length > 0 ? [{ files: LONG_LINES_LEFT, rules: { 'max-len': 'off' } }] : []),
);
