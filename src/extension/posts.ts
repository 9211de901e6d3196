import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shortDate } from '../core/roundup/display';
import { dateValueOf } from '../core/lintPost';
import { draftEntries, draftPostText, draftStart, draftTitle } from '../core/roundup/draft';
import { formatterSettings } from '../core/settings';
import { formatEntries } from '../core/roundup/format';
import { extractLinkSet } from '../core/roundup/links';
import { postFileName, uniqueFileName, type PostInfo } from '../core/roundup/post';
import { TemplateError } from '../core/roundup/template';
import { findPosts, readHead, readText } from './documents';
import type { FeedService } from './feedService';
import { offerAddFeed, offerCommands, showFormatWarnings, showSettingError, showShortlistEmpty } from './messages';
import type { Settings } from './settings';
import type { Shortlist } from './shortlist';

/** Most posts looked at for the newest date. */
const MAX_POSTS = 10_000;

/** `roundup.postsFolder` as a folder: relative to the first workspace folder (empty: that folder), or absolute. */
function postsFolder(settings: Settings): vscode.Uri | undefined {
  const configured = settings.value.postsFolder.trim();
  if (configured && path.isAbsolute(configured)) return vscode.Uri.file(configured);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return undefined;
  return configured ? vscode.Uri.joinPath(root, ...configured.split(/[\\/]+/).filter(Boolean)) : root;
}

async function needFolder(): Promise<void> {
  const message = 'Roundup writes posts into the blog\'s folder: open it first.';
  const answer = await vscode.window.showErrorMessage(message, 'Open Folder');
  if (answer) await vscode.commands.executeCommand('workbench.action.files.openFolder');
}

/** Writes a new file, never over an existing one: `name`, else `name-2`, `name-3`, ... Returns the file. */
async function createExclusive(folder: vscode.Uri, name: string, text: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(folder);
  const names = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n));
  const bytes = Buffer.from(text, 'utf8');
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = uniqueFileName(name, names);
    const uri = vscode.Uri.joinPath(folder, candidate);
    if (uri.scheme === 'file') {
      try {
        await fs.writeFile(uri.fsPath, bytes, { flag: 'wx' }); // fails if the file appeared meanwhile
        return uri;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    } else {
      const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
      if (!exists) {
        await vscode.workspace.fs.writeFile(uri, bytes);
        return uri;
      }
    }
    names.add(candidate);
  }
  throw new Error(`no free file name for ${name} in ${folder.fsPath}`);
}

interface NewPostOptions {
  /** The title offered in the input box. */
  title?: string;
  /** Formatted blocks for the body. */
  body?: string;
}

/**
 * Asks for a title and creates a post in the posts folder (`roundup.newPost.fileName`, front matter
 * from the settings, date now in UTC), never overwriting a file; opens it with the cursor in the body.
 * Resolves with its editor, or undefined when the user cancelled or it could not be created.
 */
async function createPost(settings: Settings, options: NewPostOptions = {}): Promise<vscode.TextEditor | undefined> {
  const folder = postsFolder(settings);
  if (!folder) {
    await needFolder();
    return undefined;
  }
  const title = await vscode.window.showInputBox({
    title: 'New roundup post',
    prompt: 'The title of the post',
    // A dated title to keep or type over (it is selected).
    value: options.title ?? draftTitle(new Date()),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a title' : undefined),
  });
  if (title === undefined || title.trim() === '') return undefined;
  const now = new Date();
  const s = settings.value;
  let name: string;
  try {
    name = postFileName(title, now, s.newPostFileName);
  } catch (e) {
    await showSettingError(e as Error, 'roundup.newPost.fileName');
    return undefined;
  }
  const post = draftPostText({ title: title.trim(), author: s.author, tags: s.newPostTags, now }, options.body ?? '');
  let uri: vscode.Uri;
  try {
    uri = await createExclusive(folder, name, post.text);
  } catch (e) {
    const why = (e as Error).message;
    void vscode.window.showErrorMessage(`Roundup could not create the post in ${folder.fsPath}: ${why}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const cursor = document.positionAt(post.cursor);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor));
  return editor;
}

type Post = PostInfo & { uri: vscode.Uri };

/** The markdown files under the posts folder with their front matter dates. */
async function readPosts(folder: vscode.Uri): Promise<Post[]> {
  const uris = await findPosts(folder, MAX_POSTS);
  return Promise.all(
    uris.map(async (uri) => ({
      uri,
      fileName: path.posix.basename(uri.path),
      date: await readHead(uri).then(dateValueOf, () => undefined),
    })),
  );
}

/**
 * "Draft from new entries": every cached entry published since the newest post of the posts folder
 * (no dated post: within `roundup.lookbackDays`), minus those the newest post already links to,
 * oldest first, in a new post.
 */
async function draftCommand(settings: Settings, feeds: FeedService): Promise<vscode.TextEditor | undefined> {
  const folder = postsFolder(settings);
  if (!folder) {
    await needFolder();
    return undefined;
  }
  await feeds.ready;
  if (feeds.store.sources.length === 0) {
    await offerAddFeed('Roundup has no feeds to draft from yet.');
    return undefined;
  }
  await feeds.whenFetched();
  const now = new Date();
  const posts = await readPosts(folder);
  const start = draftStart(posts, now, settings.value.lookbackDays);
  const linked = start.post ? extractLinkSet(await readText(start.post.uri)) : new Set<string>();
  const entries = draftEntries(feeds.store.allEntries(), start.since, linked);
  if (entries.length === 0) {
    const since = start.post
      ? `since ${start.post.fileName} (${shortDate(start.since.toISOString())})`
      : `in the last ${settings.value.lookbackDays} days`;
    await offerCommands(`No new entries ${since}.`, ['Refresh feeds', 'roundup.refresh']);
    return undefined;
  }
  let text: string;
  try {
    const result = formatEntries(entries, formatterSettings(settings.value));
    text = result.text;
    showFormatWarnings(result.warnings);
  } catch (e) {
    if (e instanceof TemplateError) {
      await showSettingError(e);
      return undefined;
    }
    throw e;
  }
  return createPost(settings, { title: draftTitle(now), body: text });
}

/** "Draft from shortlist": a new post with the shortlisted entries, in the order of `roundup.shortlist.order`. */
async function draftFromShortlist(settings: Settings, shortlist: Shortlist): Promise<vscode.TextEditor | undefined> {
  const entries = shortlist.ordered(settings.value.shortlistOrder);
  if (entries.length === 0) {
    await showShortlistEmpty();
    return undefined;
  }
  let body: string;
  try {
    const result = formatEntries(entries, formatterSettings(settings.value), { keepOrder: true });
    body = result.text;
    showFormatWarnings(result.warnings);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    await showSettingError(e);
    return undefined;
  }
  return createPost(settings, { title: draftTitle(new Date()), body });
}

/**
 * The commands resolve with the new post's URI (plain data: a command's result may cross to the
 * workbench); the insert commands start a new post through `roundup.newPost` too.
 */
export function registerPostCommands(settings: Settings, feeds: FeedService, shortlist: Shortlist): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('roundup.newPost', async () => (await createPost(settings))?.document.uri),
    vscode.commands.registerCommand('roundup.draft', async () => (await draftCommand(settings, feeds))?.document.uri),
    vscode.commands.registerCommand(
      'roundup.draftFromShortlist',
      async () => (await draftFromShortlist(settings, shortlist))?.document.uri,
    ),
  );
}
