/**
 * The import graph of src: every file, what each one imports (project files and packages), and the
 * cycles. Read with TypeScript's own scanner, so type-only imports, `export ... from` and `require()`
 * count like any import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface ImportGraph {
  /** Project files, relative to the project with `/` (`src/core/feeds/parse.ts`). */
  files: string[];
  /** File -> project files it imports (relative paths as in `files`). */
  imports: Map<string, string[]>;
  /** File -> packages it imports (`vscode`, `yaml`, `node:fs`, ...). */
  packages: Map<string, string[]>;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The import graph of the `.ts` files under `folder` (a folder of `root`). */
export function readImportGraph(root: string, folder = 'src'): ImportGraph {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const absolute = tsFiles(path.join(root, folder));
  const graph: ImportGraph = { files: absolute.map(rel), imports: new Map(), packages: new Map() };
  for (const file of absolute) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const local: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolve(file, fileName);
        if (!target) throw new Error(`${rel(file)}: cannot resolve the import "${fileName}"`);
        local.push(rel(target));
      } else {
        packages.push(fileName);
      }
    }
    graph.imports.set(rel(file), [...new Set(local)]);
    graph.packages.set(rel(file), [...new Set(packages)]);
  }
  return graph;
}

/** Every cycle of imports as a list of files (the first file again at the end); [] when there is none. */
export function findCycles(imports: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components: a component of more than one file (or a file importing
  // itself) holds a cycle; one cycle through it is reported.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of imports.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (imports.get(v) ?? []).includes(v)) cycles.push(cycleThrough(v, new Set(component), imports));
  };
  for (const v of [...imports.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** One path from `start` back to itself inside `component` (breadth first, so a shortest one). */
function cycleThrough(start: string, component: ReadonlySet<string>, imports: ReadonlyMap<string, readonly string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of imports.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const between: string[] = [];
        for (let u = v; u !== start; u = previous.get(u)!) between.unshift(u);
        return [start, ...between, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
