import * as vscode from 'vscode';
import { entriesOf } from '../core/feeds/args';
import { countWindow } from '../core/feeds/filter';
import { windowWords } from '../core/roundup/window';
import { UNTITLED, type FeedEntry } from '../core/feeds/types';
import { formatterSettings } from '../core/settings';
import {
  formatEntries,
  templateFor,
  type FormatOptions,
  type FormatterSettings,
  type FormatWarning,
} from '../core/roundup/format';
import { padForInsertion, type InsertionEdit } from '../core/roundup/insertion';
import { sectionInsertions, type Section } from '../core/roundup/sections';
import { collapseWhitespace } from '../core/html/text';
import { extractLinkSet, isIncluded } from '../core/markdown';
import { EntryPickCache, type EntryPickItem } from '../core/roundup/pick';
import { TemplateError } from '../core/roundup/template';
import { passageExcerpt } from '../core/roundup/reader';
import { isPost } from './documents';
import type { EntryDocuments } from './entryDocuments';
import type { FeaturedPosts } from './featured';
import type { FeedService } from './feedService';
import type { IncludedLinks } from './included';
import type { Lookback } from './lookback';
import {
  type Action, offerActions, offerCommands, showError, showFormatWarnings, showSettingError, showShortlistEmpty,
} from './messages';
import type { Settings } from './settings';
import type { ShortLinkResolver, ShortLinks } from './shortLinkService';
import type { Shortlist } from './shortlist';

function titleOf(entry: FeedEntry): string {
  return collapseWhitespace(entry.title) || UNTITLED;
}

/* ------------------------------------------------------------------------------------------------
 * The post to insert into
 * --------------------------------------------------------------------------------------------- */

/**
 * The active markdown editor; else the visible editor of the post the sidebar marks entries for
 * (focus in a panel, the markdown preview active). undefined: no markdown editor is open.
 */
function targetEditor(included: IncludedLinks): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && isPost(active.document)) return active;
  const post = included.post;
  if (!post || post.isClosed) return undefined;
  return vscode.window.visibleTextEditors.find((e) => e.document === post);
}

/** No markdown editor: say so, with a button that starts a new post (then `then` runs on its editor). */
async function noPost(then?: (editor: vscode.TextEditor) => Promise<unknown>): Promise<void> {
  const message = 'Open a markdown post to insert entries into, or start a new one.';
  const answer = await vscode.window.showInformationMessage(message, 'New roundup post');
  if (answer !== 'New roundup post') return;
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('roundup.newPost');
  const editor = uri && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (editor && then) await then(editor);
}

/* ------------------------------------------------------------------------------------------------
 * Inserting
 * --------------------------------------------------------------------------------------------- */

/**
 * What inserting needs besides the entries: the settings, and the short links (by normalized link) for a
 * template that uses `{shortlink}` (ShortLinks.resolve; undefined leaves `{shortlink}` the entry's link).
 */
interface InsertDeps {
  settings: Settings;
  /** What the blog's roundups feature: the quick pick marks those entries. */
  featured?: FeaturedPosts;
  /** The window of entries the quick pick offers, and the feeds whose older entries are shown too. */
  lookback: Lookback;
  /** Told of each "Insert roundup entries" quick pick shown (the tests read what it offers). */
  onShowPick?: (pick: vscode.QuickPick<vscode.QuickPickItem>) => void;
  log: vscode.LogOutputChannel;
  shortLinks?: ShortLinkResolver;
}

/** The edits of an insertion for a document's text and cursor, and which one the cursor ends after (-1: the last). */
type InsertionPlan = (text: string, cursor: number) => { edits: InsertionEdit[]; cursorEdit: number };

/**
 * Applies the insertion's edits (each replaces the padding around where its block goes) as one edit (one
 * undo step) and puts the cursor after the block of the cursor's edit. The edits are computed on the
 * text they apply to: when the document changed in between, they are computed again.
 */
async function insertText(
  editor: vscode.TextEditor,
  plan: InsertionPlan,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const document = editor.document;
    const version = document.version;
    const { edits, cursorEdit } = plan(document.getText(), document.offsetAt(editor.selection.active));
    const ranges = edits.map((e) => new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)));
    const undoStops = { undoStopBefore: true, undoStopAfter: true };
    const applied = await editor.edit((edit) => edits.forEach((e, k) => edit.replace(ranges[k], e.text)), undoStops);
    if (applied) {
      // Where the cursor's block lies now: shifted by the edits before it.
      const k = cursorEdit >= 0 ? cursorEdit : edits.length - 1;
      const shift = edits.slice(0, k).reduce((sum, e) => sum + e.text.length - (e.end - e.start), 0);
      const start = document.positionAt(edits[k].blockStart + shift);
      const end = document.positionAt(edits[k].blockEnd + shift);
      editor.selection = new vscode.Selection(end, end);
      editor.revealRange(new vscode.Range(start, end));
      return true;
    }
    if (document.isClosed || document.version === version) break;
  }
  void showError(log, 'Roundup could not insert into the post: it changed or closed meanwhile. Try again.');
  return false;
}

/**
 * How the chosen entries go into the post: with `roundup.sections` (and neither a template nor an excerpt
 * asked for), each at the end of its section when the post has its heading, the others at the cursor;
 * else all at the cursor.
 */
function insertionPlan(
  entries: readonly FeedEntry[],
  formatter: FormatterSettings,
  sections: readonly Section[],
  options: FormatOptions,
): { plan: InsertionPlan; warnings: FormatWarning[] } {
  if (sections.length > 0 && options.template === undefined && options.excerpt === undefined) {
    const warnings: FormatWarning[] = [];
    const plan: InsertionPlan = (text, cursor) => {
      const result = sectionInsertions(text, cursor, entries, formatter, sections, options);
      warnings.splice(0, warnings.length, ...result.warnings);
      return result;
    };
    return { plan, warnings };
  }
  const result = formatEntries(entries, formatter, options);
  if (!result.text) return { plan: () => ({ edits: [], cursorEdit: -1 }), warnings: result.warnings };
  const plan: InsertionPlan = (text, cursor) => ({
    edits: [padForInsertion(text, cursor, result.text)],
    cursorEdit: 0,
  });
  return { plan, warnings: result.warnings };
}

/**
 * Formats entries (oldest first) and inserts them at the cursor of `editor`. Entries the post already
 * links to are inserted again only when the user says so. Resolves with whether something was inserted.
 */
async function insertEntries(
  editor: vscode.TextEditor,
  entries: readonly FeedEntry[],
  { settings, log, shortLinks: resolveShortLinks }: InsertDeps,
  options: FormatOptions = {},
): Promise<boolean> {
  if (entries.length === 0) return false;
  const links = extractLinkSet(editor.document.getText());
  const already = entries.filter((e) => isIncluded(e, links));
  let chosen = [...entries];
  if (already.length > 0) {
    const again = 'Insert again';
    const skip = 'Skip those';
    const message =
      entries.length === 1
        ? `"${titleOf(entries[0])}" is already in this post — insert it again?`
        : already.length === 1
          ? `"${titleOf(already[0])}" is already in this post — insert it again?`
          : `${already.length} of these entries are already in this post — insert them again?`;
    const keep = 'Don\'t insert';
    // The first button is the one Enter presses: the safe choice, never the duplicate. (VS Code adds a
    // Cancel beside "Don't insert": a close affordance would take its place but never Enter's.)
    const buttons = already.length < entries.length ? [skip, again] : [keep, again];
    const answer = await vscode.window.showWarningMessage(message, { modal: true }, ...buttons);
    if (answer === undefined || answer === keep) return false;
    if (answer === skip) chosen = entries.filter((e) => !already.includes(e));
  }
  let insertion;
  try {
    const formatter = formatterSettings(settings.value);
    const sections = settings.value.sections;
    const templates = [
      templateFor(formatter, options),
      ...sections.map((s) => templateFor(formatter, { template: s.template })),
    ];
    const wantsShortLinks = templates.some((t) => t.placeholders.has('shortlink'));
    const shortLinks = wantsShortLinks ? await resolveShortLinks?.(chosen) : undefined;
    insertion = insertionPlan(chosen, formatter, sections, { ...options, shortLinks });
    // Computed once now, so that a template error shows before anything is edited.
    const first = insertion.plan(editor.document.getText(), editor.document.offsetAt(editor.selection.active));
    if (first.edits.every((e) => e.text === '')) return false;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    await showSettingError(e);
    return false;
  }
  showFormatWarnings(insertion.warnings);
  return insertText(editor, insertion.plan, log);
}

/** roundup.insertEntry / roundup.insertAsLink: the clicked (or selected) entries into the post. */
async function insertCommand(
  deps: InsertDeps,
  included: IncludedLinks,
  entries: FeedEntry[],
  options: FormatOptions = {},
): Promise<boolean> {
  if (entries.length === 0) return false;
  const editor = targetEditor(included);
  if (!editor) {
    await noPost((created) => insertEntries(created, entries, deps, options));
    return false;
  }
  return insertEntries(editor, entries, deps, options);
}

/* ------------------------------------------------------------------------------------------------
 * "Insert as quote": a passage of an entry opened with Read entry
 * --------------------------------------------------------------------------------------------- */

/** The post to insert into when an entry's document has the focus: the last active post, shown again if need be. */
async function postEditor(included: IncludedLinks): Promise<vscode.TextEditor | undefined> {
  const visible = targetEditor(included);
  if (visible) return visible;
  const post = included.post;
  if (!post || post.isClosed) return undefined;
  const shows = (tab: vscode.Tab) =>
    tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === post.uri.toString();
  const tabs = vscode.window.tabGroups.all.filter((group) => group.tabs.some(shows));
  const viewColumn = tabs[0]?.viewColumn ?? vscode.ViewColumn.One;
  return vscode.window.showTextDocument(post, { preserveFocus: true, viewColumn });
}

/**
 * roundup.insertAsQuote: the entry's block, with the selected passage of its document as the excerpt,
 * at the cursor of the post (never into the entry's document, nor any other).
 */
async function insertAsQuote(deps: InsertDeps, included: IncludedLinks, documents: EntryDocuments): Promise<boolean> {
  const reading = vscode.window.activeTextEditor;
  const entry = reading && documents.entryOf(reading.document);
  if (!reading || !entry) {
    const message = 'Open an entry with "Read entry", select a passage in it, then insert it as a quote.';
    void vscode.window.showInformationMessage(message);
    return false;
  }
  const passage = reading.selections
    .filter((s) => !s.isEmpty)
    .map((s) => reading.document.getText(s))
    .join('\n\n');
  const excerpt = passageExcerpt(passage);
  if (!excerpt) {
    void vscode.window.showInformationMessage('Select the passage of the entry to quote first.');
    return false;
  }
  const editor = await postEditor(included);
  if (!editor) {
    await noPost((created) => insertEntries(created, [entry], deps, { excerpt }));
    return false;
  }
  // A default template without {excerpt} (the link form) would drop the passage: the block takes it.
  const formatter = formatterSettings(deps.settings.value);
  let template: string | undefined;
  try {
    template = templateFor(formatter).placeholders.has('excerpt') ? undefined : 'block';
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    await showSettingError(e);
    return false;
  }
  return insertEntries(editor, [entry], deps, { excerpt, ...(template ? { template } : {}) });
}

/* ------------------------------------------------------------------------------------------------
 * "Insert roundup entry": the quick pick
 * --------------------------------------------------------------------------------------------- */

type Item = vscode.QuickPickItem & { item: EntryPickItem };

/**
 * A searchable multi-select list of the entries (newest first). Enter inserts the checked entries,
 * or, when none is checked, the highlighted one. Resolves with the entries, or [] when dismissed.
 */
function pickEntries(
  items: readonly EntryPickItem[],
  window: string | undefined,
  onShow?: (pick: vscode.QuickPick<vscode.QuickPickItem>) => void,
): Promise<FeedEntry[]> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = window ? `Insert roundup entries ${window}` : 'Insert roundup entries';
    pick.placeholder = 'Search titles, authors, feeds and excerpts; check several, then Enter';
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const read = { iconPath: new vscode.ThemeIcon('book'), tooltip: 'Read entry' };
    pick.items = items.map((item) => ({
      label: item.label,
      description: item.description,
      detail: item.detail,
      buttons: [read],
      item,
    }));
    // Read entry beside the post; the pick keeps the focus and stays open.
    pick.onDidTriggerItemButton((e) => {
      void vscode.commands.executeCommand('roundup.readEntry', e.item.item.entry, { preserveFocus: true });
    });
    // Highlighted from the start (as the list shows it), so an Enter at once takes it.
    pick.activeItems = pick.items.slice(0, 1);
    let result: FeedEntry[] = [];
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems.slice(0, 1);
      result = chosen.map((i) => i.item.entry);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
    onShow?.(pick);
  });
}

/**
 * What to say (and offer) when there is nothing to pick: Change lookback…, and with entries older than the
 * window, Show older entries (of the feeds that have them), each followed by the quick pick again.
 * `window`: the window in words; `older`: the feeds with older entries hidden, and how many they hide.
 */
async function nothingToPick(
  deps: InsertDeps,
  feeds: FeedService,
  window: string,
  older: { urls: readonly string[]; entries: number },
  again: () => Promise<boolean>,
): Promise<boolean> {
  const store = feeds.store;
  const add: [string, string] = ['Add feed', 'roundup.addFeed'];
  if (store.sources.length === 0) {
    await offerCommands('Roundup has no feeds yet: add one to gather entries from.', add);
    return false;
  }
  if (store.isRefreshing()) {
    await offerCommands('No entries yet: the feeds are being refreshed.', ['Refresh', 'roundup.refresh'], add);
    return false;
  }
  const n = older.entries;
  const hidden = n > 0 ? `: ${n} older ${n === 1 ? 'entry is' : 'entries are'} hidden` : '';
  const message = `No entries ${window}${hidden}.`;
  deps.log.info(`insert: ${message}`);
  let inserted = false;
  const showOlder: Action[] = n === 0 ? [] : [['Show older entries', async () => {
    deps.lookback.showOlder(older.urls);
    inserted = await again();
  }]];
  await offerActions(message,
    ...showOlder,
    ['Change lookback…', async () => {
      if (await vscode.commands.executeCommand<boolean>('roundup.changeLookback')) inserted = await again();
    }],
    ['Refresh', async () => { await vscode.commands.executeCommand('roundup.refresh'); }],
  );
  return inserted;
}

/** roundup.insert: with entries as argument, inserts them; without, lets the user pick. */
async function insertPicked(
  deps: InsertDeps,
  feeds: FeedService,
  included: IncludedLinks,
  pickCache: EntryPickCache,
  arg?: unknown,
): Promise<boolean> {
  const { settings, lookback } = deps;
  const given = entriesOf(arg);
  if (given.length > 0) return insertCommand(deps, included, given);
  const editor = targetEditor(included);
  if (!editor) {
    await noPost();
    return false;
  }
  await Promise.all([feeds.ready, deps.featured?.ready(), lookback.ready()]);
  const links = extractLinkSet(editor.document.getText());
  // The window for this post (never its own last roundup), with the older entries of the feeds that show them.
  const window = () => lookback.window(editor.document.uri);
  const olderShown = () => {
    const shown = feeds.store.feeds().filter((f) => lookback.showsOlder(f.source.url));
    return new Set(shown.flatMap((f) => f.entries));
  };
  // Made again only when the entries changed since the last opening.
  const itemsNow = () => {
    const older = olderShown();
    return pickCache.items(() => feeds.store.allEntries(), feeds.store.version, {
      since: window().since,
      keepOlder: (e) => older.has(e),
      isIncluded: (e) => isIncluded(e, links),
      authors: settings.value.authors,
    }).map((item) => {
      const mark = deps.featured?.mark(item.entry, editor.document.uri);
      return mark ? { ...item, description: item.description + mark.description } : item;
    });
  };
  let items = itemsNow();
  if (items.length === 0) {
    // Nothing cached yet (the first use, a feed just added): wait for the feeds being fetched.
    await feeds.whenFetched();
    items = itemsNow();
  }
  if (items.length === 0) {
    const since = window().since;
    const older = { urls: [] as string[], entries: 0 };
    for (const feed of feeds.store.feeds()) {
      const { hidden } = countWindow(feed.entries, since);
      if (hidden === 0 || lookback.showsOlder(feed.source.url)) continue;
      older.urls.push(feed.source.url);
      older.entries += hidden;
    }
    const again = () => insertPicked(deps, feeds, included, pickCache, arg);
    return nothingToPick(deps, feeds, windowWords(window()), older, again);
  }
  const picked = await pickEntries(items, windowWords(window()), deps.onShowPick);
  if (picked.length === 0) return false;
  if (editor.document.isClosed) {
    void vscode.window.showWarningMessage('The post was closed before the entries could be inserted.');
    return false;
  }
  // Showing the editor again makes it the one edited even if focus moved while picking.
  const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  return insertEntries(shown, picked, deps);
}

/** roundup.copyAsMarkdown: the entries with the default template, to the clipboard. */
async function copyAsMarkdown(settings: Settings, entries: FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  let result;
  try {
    result = formatEntries(entries, formatterSettings(settings.value));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    void showSettingError(e);
    return;
  }
  showFormatWarnings(result.warnings);
  await vscode.env.clipboard.writeText(result.text);
  const what = entries.length === 1 ? `"${titleOf(entries[0])}"` : `${entries.length} entries`;
  vscode.window.setStatusBarMessage(`Copied ${what} as Markdown`, 3000);
}

/**
 * The insertion commands. Each resolves with whether it inserted something, so callers (and tests)
 * know the outcome; none of them edits any document but the post.
 */
/**
 * `selection` is the Feeds view's selection: a click on an entry runs `roundup.insertEntry` with no
 * argument (see FeedsView) and the clicked row is the selected one.
 */
export function registerInsertCommands(
  settings: Settings,
  feeds: FeedService,
  included: IncludedLinks,
  selection: () => readonly unknown[],
  shortlist: Shortlist,
  shortLinks: ShortLinks,
  entryDocuments: EntryDocuments,
  featured: FeaturedPosts | undefined,
  lookback: Lookback,
  onShowPick?: (pick: vscode.QuickPick<vscode.QuickPickItem>) => void,
): vscode.Disposable {
  const register = vscode.commands.registerCommand;
  const deps: InsertDeps = {
    settings, log: feeds.log, shortLinks: (entries) => shortLinks.resolve(entries), featured, lookback, onShowPick,
  };
  const pickCache = new EntryPickCache();
  return vscode.Disposable.from(
    register('roundup.insertEntry', (arg: unknown, selected?: unknown) =>
      insertCommand(deps, included, arg === undefined ? entriesOf(selection()) : entriesOf(arg, selected)),
    ),
    register('roundup.insertAsLink', (arg: unknown, selected?: unknown) =>
      insertCommand(deps, included, entriesOf(arg, selected), { template: 'link' }),
    ),
    register('roundup.insert', (arg?: unknown) => insertPicked(deps, feeds, included, pickCache, arg)),
    register('roundup.insertShortlist', async () => {
      const entries = shortlist.ordered(settings.value.shortlistOrder);
      if (entries.length === 0) return void (await showShortlistEmpty());
      return insertCommand(deps, included, entries, { keepOrder: true });
    }),
    register('roundup.copyAsMarkdown', (arg: unknown, selected?: unknown) =>
      copyAsMarkdown(settings, entriesOf(arg, selected)),
    ),
    register('roundup.insertAsQuote', () => insertAsQuote(deps, included, entryDocuments)),
  );
}
