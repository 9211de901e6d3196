// Unused exports: every value (function, class, constant) a file under src exports must be imported
// by another file (of src, test or scripts), or be an entry point's. Types stay exported with the
// functions whose signatures name them. Exits 1 listing the others. Part of `npm run lint`.
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What VS Code and node load by name: the extension's activate/deactivate, the API the integration tests get. */
const ENTRY_POINTS = new Set(['src/extension/extension.ts#activate', 'src/extension/extension.ts#deactivate']);

/**
 * Exports in files other branches are rewriting right now (fetch.ts, frontmatter/lint.ts, the CLI);
 * they lose their `export` when those branches land. Keep this list empty otherwise.
 */
const PENDING = new Set([]);

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const rel = (file) => relative(root, file).split(sep).join('/');

/** Declarations that another file imports (or re-exports), found through each import's alias. */
const used = new Set();
const markModule = (moduleSymbol) => {
  for (const s of checker.getExportsOfModule(moduleSymbol)) used.add(resolved(s));
};
const resolved = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);

for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || rel(sf.fileName).startsWith('node_modules/')) continue;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const moduleSymbol = checker.getSymbolAtLocation(node.moduleSpecifier);
      if (moduleSymbol) {
        const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
        if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) markModule(moduleSymbol);
        else for (const element of bindings.elements) {
          const symbol = checker.getSymbolAtLocation(element.name);
          if (symbol) used.add(resolved(symbol));
        }
        if (ts.isImportDeclaration(node) && node.importClause?.name) {
          const symbol = checker.getSymbolAtLocation(node.importClause.name);
          if (symbol) used.add(resolved(symbol));
        }
      }
    }
    // `import('./x')` types and `typeof import('./x')`.
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const moduleSymbol = checker.getSymbolAtLocation(node.argument.literal);
      if (moduleSymbol) markModule(moduleSymbol);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const unused = [];
for (const sf of program.getSourceFiles()) {
  const file = rel(sf.fileName);
  if (!file.startsWith('src/')) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolved(symbol);
    if (!(target.flags & ts.SymbolFlags.Value)) continue;
    const key = `${file}#${symbol.name}`;
    if (used.has(target) || ENTRY_POINTS.has(key) || PENDING.has(key)) continue;
    const declaration = symbol.declarations?.[0];
    const line = declaration ? sf.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 0;
    unused.push(`${file}:${line}: ${symbol.name} is exported but no other file imports it`);
  }
}
if (unused.length > 0) {
  process.stderr.write(`${unused.join('\n')}\n${unused.length} unused ${unused.length === 1 ? 'export' : 'exports'}\n`);
  process.exit(1);
}
process.stdout.write('unused exports: none\n');
