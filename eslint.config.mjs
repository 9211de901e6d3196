// ESLint (flat config): typescript-eslint's recommended rules, as VS Code extensions use them, and
// lines of at most 120 characters in src. `npm run lint`; part of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LONG_LINES_LEFT = [
  'src/cli/draft.ts',
  'src/cli/lint.ts',
  'src/cli/main.ts',
  'src/core/base/utc.ts',
  'src/core/feeds/add.ts',
  'src/core/feeds/cache.ts',
  'src/core/feeds/charset.ts',
  'src/core/feeds/dates.ts',
  'src/core/feeds/discover.ts',
  'src/core/feeds/fetch.ts',
  'src/core/feeds/opml.ts',
  'src/core/feeds/parse.ts',
  'src/core/feeds/refresh.ts',
  'src/core/feeds/store.ts',
  'src/core/feeds/types.ts',
  'src/core/files.ts',
  'src/core/frontmatter/dates.ts',
  'src/core/frontmatter/lint.ts',
  'src/core/frontmatter/locate.ts',
  'src/core/frontmatter/parse.ts',
  'src/core/frontmatter/schema.ts',
  'src/core/frontmatter/yamlErrors.ts',
  'src/core/html/entities.ts',
  'src/core/html/scan.ts',
  'src/core/html/text.ts',
  'src/core/lintPost.ts',
  'src/core/problem.ts',
  'src/core/report.ts',
  'src/core/roundup/draft.ts',
  'src/core/roundup/excerpt.ts',
  'src/core/roundup/format.ts',
  'src/core/roundup/insertion.ts',
  'src/core/roundup/links.ts',
  'src/core/roundup/post.ts',
  'src/core/roundup/rules.ts',
  'src/core/roundup/template.ts',
  'src/core/rules.ts',
  'src/core/settings.ts',
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
  { files: ['src/**/*.ts'], rules: { 'max-len': ['error', { code: 120, ignoreUrls: true }] } },
  // Not wrapped yet: files other branches are rewriting now, and core files still to do. Shrink, never grow.
  { files: LONG_LINES_LEFT, rules: { 'max-len': 'off' } },
);
