import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import { parseShortLinks, shortenAll, shortenUrl, type ShortenAllResult } from '../core/links/shortener';
import type { Settings } from './settings';

const MAP_KEY = 'roundup.shortLinks';
/** Where the shortener's signature is kept: VS Code's SecretStorage, never a settings file. */
export const SECRET_KEY = 'roundup.shortener.signature';

/** Short links (by normalized link) for entries inserted with a template that uses `{shortlink}`. */
export type ShortLinkResolver = (entries: readonly FeedEntry[]) => Promise<ReadonlyMap<string, string> | undefined>;

/**
 * Short links: the shortener of `roundup.shortener` with its signature from SecretStorage, and the
 * workspace's map long link -> short link (so an entry always gets the same short link).
 */
export class ShortLinks {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The short links of the entries' links, for `{shortlink}`; undefined with no shortener set up. */
  async resolve(entries: readonly FeedEntry[]): Promise<ReadonlyMap<string, string> | undefined> {
    return (await this.shorten(entries.map((e) => e.link)))?.links;
  }

  get links(): Map<string, string> {
    return parseShortLinks(this.context.workspaceState.get(MAP_KEY));
  }

  /**
   * Short links for `urls`: known ones from the map, new ones from the shortener (saved at once).
   * undefined with no shortener configured; a missing signature or a failure leaves links long and says why.
   */
  async shorten(urls: readonly string[], signal?: AbortSignal): Promise<ShortenAllResult | undefined> {
    const shortener = this.settings.value.shortener;
    if (!shortener) return undefined;
    const signature = (await this.context.secrets.get(SECRET_KEY)) ?? '';
    const version = String(this.context.extension.packageJSON.version);
    const timeoutMs = this.settings.value.fetch.timeoutSeconds * 1000;
    const shorten = (url: string) => shortenUrl(url, { url: shortener.url, signature }, { version, timeoutMs, signal });
    const result = await shortenAll(urls, this.links, shorten, { shortenerUrl: shortener.url });
    if (result.made.size > 0) {
      const saved = Object.fromEntries(this.links);
      for (const [k, v] of result.made) saved[k] = v;
      await this.context.workspaceState.update(MAP_KEY, saved);
    }
    if (result.failures.length > 0) {
      for (const f of result.failures) this.log.warn(`shortener: ${f.url}: ${f.message}`);
      const first = result.failures[0];
      const more =
        result.failures.length > 1 ? ` (and ${result.failures.length - 1} more; see the Roundup output)` : '';
      const setSignature = /signature/i.test(first.message) ? ['Set shortener signature'] : [];
      void vscode.window
        .showWarningMessage(`Roundup left ${first.url} long: ${first.message}${more}`, ...setSignature)
        .then((a) => {
          if (a) void vscode.commands.executeCommand('roundup.setShortenerSignature');
        });
    }
    return result;
  }
}
