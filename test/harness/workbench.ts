// What the browser is told: the workbench URL, and the developmentOptions (extension under
// development, extension tests) injected into the workbench's configuration before it starts.

/** VS Code's UriComponents, as the workbench's configuration carries them. */
export interface UriComponents {
  scheme: string;
  authority: string;
  path: string;
}

/** A path on the server, as the browser's workbench addresses it: through the remote authority. */
export function remoteUri(port: number, absolutePath: string): UriComponents {
  if (!absolutePath.startsWith('/')) throw new Error(`not an absolute path: ${absolutePath}`);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${port}`);
  // The authority must equal the page's host:port so the remote (Node) extension host runs them.
  return { scheme: 'vscode-remote', authority: `127.0.0.1:${port}`, path: absolutePath };
}

export interface DevelopmentPaths {
  /** The extension's folder (its package.json). */
  extensionDevelopmentPath: string;
  /** The compiled suite entry exporting run(); absent for UI sessions. */
  extensionTestsPath?: string;
}

export interface DevelopmentOptions {
  extensions: UriComponents[];
  extensionTestsPath?: UriComponents;
}

export function developmentOptions(port: number, paths: DevelopmentPaths): DevelopmentOptions {
  const options: DevelopmentOptions = { extensions: [remoteUri(port, paths.extensionDevelopmentPath)] };
  if (paths.extensionTestsPath) options.extensionTestsPath = remoteUri(port, paths.extensionTestsPath);
  return options;
}

/** The page to open: the workbench with `folder` (a path on the server) as its workspace. */
export function workbenchUrl(port: number, folder: string): string {
  if (!folder.startsWith('/')) throw new Error(`not an absolute path: ${folder}`);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
}

/** Hosts the browser may reach; every other request is aborted and reported. */
export function isAllowedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return parsed.hostname === '127.0.0.1';
}

/**
 * Runs in the page before any of its scripts (page.addInitScript): the workbench reads its
 * configuration from the `data-settings` attribute of `#vscode-workbench-web-configuration`;
 * this wraps getAttribute so that JSON comes back with `developmentOptions` merged in. The same
 * embedder API @vscode/test-web uses; works where the URL payload's development keys are ignored.
 * Self-contained on purpose: playwright sends its source text to the page.
 */
export function injectDevelopmentOptions(optionsJson: string): void {
  const proto = (globalThis as unknown as { Element: { prototype: { getAttribute(name: string): string | null } } }).Element.prototype;
  const original = proto.getAttribute;
  proto.getAttribute = function (this: { id?: string }, name: string): string | null {
    const value = original.call(this, name);
    if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
    try {
      const config = JSON.parse(value);
      config.developmentOptions = { ...config.developmentOptions, ...JSON.parse(optionsJson) };
      return JSON.stringify(config);
    } catch {
      return value;
    }
  };
}
