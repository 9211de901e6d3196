import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  draftEntries, draftPostText, draftStart, draftStartWords, draftTitle, isUndated, type DraftStart,
} from '../core/roundup/draft';
import { formatterSettings } from '../core/settings';
import { formatDraftSections } from '../core/roundup/sections';
import { extractLinkSet } from '../core/markdown';
import { leftOutWords, withoutFeatured } from '../core/roundup/featured';
import { type NewPost, postFileName, uniqueFileName, type PostInfo } from '../core/roundup/post';
import { newPostFileNamePattern, newPostShape, type PostShape } from '../core/roundup/postShape';
import { dateValueOf } from '../core/roundup/siblings';
import { TemplateError } from '../core/roundup/template';
import { authorFromSiblings, choosePostsFolder, parseDay } from '../core/roundup/postsFolder';
import type { Blog } from './blog';
import { findDatedFiles, findPosts, readHead, readText } from './documents';
import type { FeaturedPosts } from './featured';
import type { FeedService } from './feedService';
import {
  type Action, offerActions, offerAddFeed, showError, showFormatWarnings, showSettingError, showShortlistEmpty,
} from './messages';
import type { Settings } from './settings';
import type { Shortlist } from './shortlist';

/** Most posts looked at for the newest date. */
const MAX_POSTS = 10_000;

interface PostsFolder {
  uri: vscode.Uri;
  /** Set when `roundup.postsFolder` is empty and the folder was found: workspace-relative, and its post count. */
  found?: { folder: string; posts: number };
}

/**
 * `roundup.postsFolder` as a folder: relative to the first workspace folder, or absolute. Empty: the
 * folder below the workspace that holds the most posts (dated names, front matter), else the posts folder
 * the blog shows (named like one: Hugo's `content/posts`), else the workspace.
 */
async function postsFolder(settings: Settings, blog?: Blog): Promise<PostsFolder | undefined> {
  const configured = settings.value.postsFolder.trim();
  if (configured && path.isAbsolute(configured)) return { uri: vscode.Uri.file(configured) };
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return undefined;
  if (configured) return { uri: vscode.Uri.joinPath(root, ...configured.split(/[\\/]+/).filter(Boolean)) };
  const files = await findDatedFiles(root, MAX_POSTS);
  const heads = await Promise.all(files.map(async (uri) => ({
    path: path.posix.relative(root.path, uri.path),
    head: await readHead(uri).catch(() => ''),
  })));
  let choice = choosePostsFolder(heads);
  if (!choice) {
    const folder = await blog?.postsFolder();
    const uri = folder ? vscode.Uri.joinPath(root, ...folder.split('/')) : undefined;
    if (folder && uri) choice = { folder, posts: (await findPosts(uri, MAX_POSTS)).length };
  }
  if (!choice || choice.folder === '') return { uri: root };
  return { uri: vscode.Uri.joinPath(root, ...choice.folder.split('/')), found: choice };
}

/**
 * Says where a new post went when Roundup chose the folder, with "Always use this folder": once a
 * session for each folder (a user who passed the offer by is not asked again on the next post).
 */
function tellFolder(found: { folder: string; posts: number }, session: Session): void {
  if (session.toldFolders.has(found.folder)) return;
  session.toldFolders.add(found.folder);
  const message = `New post in ${found.folder}/, the folder that holds the most posts (${found.posts}).`;
  void offerActions(message, ['Always use this folder', async () => {
    const target = vscode.ConfigurationTarget.Workspace;
    await vscode.workspace.getConfiguration('roundup').update('postsFolder', found.folder, target);
  }]);
}

/** What the post commands remember while they are registered (see {@link registerPostCommands}). */
interface Session {
  /** The author asked for, when `roundup.author` is unset and no sibling names one. */
  askedAuthor?: string;
  /** The folders Roundup chose and said so, with "Always use this folder". */
  toldFolders: Set<string>;
  /** The Roundup log, for what failed. */
  log: vscode.LogOutputChannel;
  /** What the blog's roundups feature: a draft leaves those entries out. */
  featured?: FeaturedPosts;
  /** The blog's posts and schema: new posts are written their way. */
  blog?: Blog;
}

/**
 * The author of a new post: `roundup.author`, else that of the most recent sibling post, else asked
 * once a session (with an offer to save it as `roundup.author`).
 */
async function authorFor(settings: Settings, session: Session, folder: vscode.Uri): Promise<string> {
  const configured = settings.value.author.trim();
  if (configured) return configured;
  const siblings = await readPosts(folder);
  const read = async (p: Post) => ({ fileName: p.fileName, text: await readHead(p.uri).catch(() => '') });
  const texts = await Promise.all(siblings.map(read));
  const sibling = authorFromSiblings(texts);
  if (sibling) return sibling;
  if (session.askedAuthor !== undefined) return session.askedAuthor;
  const answer = await vscode.window.showInputBox({
    title: 'New roundup post',
    prompt: 'Your name as the post\'s author (no other post names one)',
    ignoreFocusOut: true,
  });
  const name = answer?.trim() ?? '';
  session.askedAuthor = name;
  if (name) {
    void offerActions(`Use "${name}" as the author of every new post?`, ['Save as roundup.author', async () => {
      await vscode.workspace.getConfiguration('roundup').update('author', name, vscode.ConfigurationTarget.Global);
    }]);
  }
  return name;
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
  /** What the title's input box is headed with: the command that asks (default "New roundup post"). */
  heading?: string;
  /** The title offered in the input box. */
  title?: string;
  /** Formatted blocks for the body. */
  body?: string;
}

/** A post just created: its editor, what it was made of, and the document's version as it was made. */
interface Created {
  editor: vscode.TextEditor;
  post: NewPost;
  /** The shape of its front matter (the blog's). */
  shape: PostShape;
  version: number;
}

/**
 * Asks for a title and creates a post in the posts folder (`roundup.newPost.fileName`, front matter
 * from the settings, date now in UTC), never overwriting a file; opens it with the cursor in the body.
 * Resolves with its editor, or undefined when the user cancelled or it could not be created.
 */
async function createPost(
  settings: Settings,
  session: Session,
  options: NewPostOptions = {},
): Promise<Created | undefined> {
  const posts = await postsFolder(settings, session.blog);
  if (!posts) {
    await needFolder();
    return undefined;
  }
  const folder = posts.uri;
  const title = await vscode.window.showInputBox({
    title: options.heading ?? 'New roundup post',
    prompt: 'The title of the post',
    // A dated title to keep or type over (it is selected).
    value: options.title ?? draftTitle(new Date()),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a title' : undefined),
  });
  if (title === undefined || title.trim() === '') return undefined;
  const now = new Date();
  const s = settings.value;
  // Written the way the blog writes its posts: its name, format, keys, order and date style.
  const schema = await session.blog?.schema();
  let name: string;
  try {
    name = postFileName(title, now, newPostFileNamePattern(schema, s.newPostFileName));
  } catch (e) {
    await showSettingError(e as Error, 'roundup.newPost.fileName');
    return undefined;
  }
  const shape = newPostShape(schema, { dateStyle: s.frontMatter.dateStyle, fileName: name });
  const author = await authorFor(settings, session, folder);
  const made: NewPost = { title: title.trim(), author, tags: s.newPostTags, now };
  const post = draftPostText(made, options.body ?? '', shape);
  let uri: vscode.Uri;
  try {
    uri = await createExclusive(folder, name, post.text);
  } catch (e) {
    const why = (e as Error).message;
    void showError(session.log, `Roundup could not create the post in ${folder.fsPath}: ${why}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // Pinned, not a preview tab the next single click in the Explorer or the sidebar would replace.
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  placeCursor(editor, post.cursor);
  if (posts.found) tellFolder(posts.found, session);
  return { editor, post: made, shape, version: document.version };
}

function placeCursor(editor: vscode.TextEditor, offset: number): void {
  const cursor = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor));
}

/**
 * Puts `blocks` in place of the body of the draft just made, when it is open and untouched since (its
 * version as made), and saves it; false when it is not.
 */
async function redraft(made: Created, blocks: string): Promise<boolean> {
  const { document } = made.editor;
  if (document.isClosed || document.version !== made.version) return false;
  const post = draftPostText(made.post, blocks, made.shape);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
    post.text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) return false;
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  placeCursor(editor, post.cursor);
  made.editor = editor;
  made.version = document.version;
  return true;
}

type Post = PostInfo & { uri: vscode.Uri };

/** The markdown files under the posts folder with their front matter dates. */
async function readPosts(folder: vscode.Uri): Promise<Post[]> {
  const uris = await findPosts(folder, MAX_POSTS);
  return Promise.all(
    uris.map(async (uri) => ({
      uri,
      // Relative to the posts folder: a bundle's or a dated folder's path gives its day (core/base/datedPath.ts).
      fileName: path.posix.relative(folder.path, uri.path),
      date: await readHead(uri).then(dateValueOf, () => undefined),
    })),
  );
}

/**
 * "Draft from new entries": every cached entry published since the newest published roundup of the posts
 * folder (none: within `roundup.lookbackDays`; a day the user chose: since `chosenStart`), minus those
 * that roundup already links to, oldest first, in a new post; a message says where it started, with
 * "Choose a start date…" (the draft again from that day, in place of the one just made while untouched).
 */
async function draftCommand(
  settings: Settings,
  session: Session,
  feeds: FeedService,
  chosen?: { since: Date; into?: Created; withFeatured?: boolean },
): Promise<Created | undefined> {
  const posts = await postsFolder(settings, session.blog);
  if (!posts) {
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
  // Only published roundups that hold entries set the start: not the empty post just made.
  const candidates = await Promise.all((await readPosts(posts.uri)).map(async (p) => (
    { ...p, text: await readText(p.uri).catch(() => '') })));
  const start: DraftStart<Post & { text: string }> = chosen
    ? { since: chosen.since }
    : draftStart(candidates, now, settings.value.lookbackDays);
  const linked = start.post ? extractLinkSet(start.post.text) : new Set<string>();
  const all = draftEntries(feeds.store.allEntries(), start.since, linked);
  // Entries an earlier roundup features are left out, unless asked for ("Include them").
  await session.featured?.ready();
  // The draft being redrafted features its own entries: it does not count.
  const redrafting = chosen?.into && session.featured?.pathOf(chosen.into.editor.document.uri);
  const left = session.featured && !chosen?.withFeatured
    ? withoutFeatured(all, session.featured.index, redrafting, session.featured.folderPrefix(posts.uri))
    : { kept: all, featured: [], posts: 0 };
  const entries = left.kept;
  const since = draftStartWords(start);
  const notLinked = linked.size > 0 ? `, none of the ${linked.size} it links to` : '';
  const drafted = `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`;
  const leftOut = left.featured.length > 0 ? ` (${leftOutWords(left)})` : '';
  feeds.log.info(`draft: ${drafted} ${since}${notLinked}, for ${posts.uri.fsPath}${leftOut}`);
  const includeThem = (into?: Created): Action =>
    ['Include them', async () => {
      await draftCommand(settings, session, feeds, { since: start.since, into, withFeatured: true });
    }];
  if (entries.length === 0) {
    await offerActions(`No new entries ${since}${leftOut}.`,
      ...(leftOut ? [includeThem(chosen?.into)] : []),
      ['Choose a start date…', () => chooseStart(settings, session, feeds, chosen?.into)],
      ['Refresh feeds', async () => { await vscode.commands.executeCommand('roundup.refresh'); }],
    );
    return undefined;
  }
  const undated = entries.filter(isUndated).length;
  if (undated > 0) {
    const which = undated === 1 ? 'An entry has no date: it is' : `${undated} entries have no date: they are`;
    void vscode.window.showWarningMessage(`${which} in the draft, after the dated ones (their age is unknown).`);
  }
  let text: string;
  try {
    const result = formatDraftSections(entries, formatterSettings(settings.value), settings.value.sections);
    text = result.text;
    showFormatWarnings(result.warnings);
  } catch (e) {
    if (e instanceof TemplateError) {
      await showSettingError(e);
      return undefined;
    }
    throw e;
  }
  // A day chosen after a draft: in place of that draft while it is untouched, else a new post.
  const into = chosen?.into;
  const made = into && (await redraft(into, text))
    ? into
    : await createPost(settings, session, { heading: 'Draft from new entries', title: draftTitle(now), body: text });
  if (made) {
    void offerActions(`Drafted ${drafted} ${since}${leftOut}.`,
      ...(leftOut ? [includeThem(made)] : []),
      ['Choose a start date…', () => chooseStart(settings, session, feeds, made)]);
  }
  return made;
}

/** "Draft from shortlist": a new post with the shortlisted entries, in the order of `roundup.shortlist.order`. */
async function draftFromShortlist(
  settings: Settings,
  session: Session,
  shortlist: Shortlist,
): Promise<Created | undefined> {
  const entries = shortlist.ordered(settings.value.shortlistOrder);
  if (entries.length === 0) {
    await showShortlistEmpty();
    return undefined;
  }
  let body: string;
  try {
    const result = formatDraftSections(entries, formatterSettings(settings.value), settings.value.sections, {
      keepOrder: true,
    });
    body = result.text;
    showFormatWarnings(result.warnings);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    await showSettingError(e);
    return undefined;
  }
  return createPost(settings, session, { heading: 'Draft from shortlist', title: draftTitle(new Date()), body });
}

/**
 * "Choose a start date…": asks for a day (YYYY-MM-DD, UTC) and drafts from it: into the draft `into`
 * (the one just made, when untouched since), else into a new post.
 */
async function chooseStart(settings: Settings, session: Session, feeds: FeedService, into?: Created): Promise<void> {
  const answer = await vscode.window.showInputBox({
    title: 'Draft from new entries',
    prompt: 'Entries published on this day (UTC) or later go into the draft',
    placeHolder: 'YYYY-MM-DD',
    validateInput: (v) => (parseDay(v) ? undefined : 'A day as YYYY-MM-DD'),
  });
  const since = answer === undefined ? undefined : parseDay(answer);
  if (!since) return;
  await draftCommand(settings, session, feeds, { since, into });
}

/**
 * The commands resolve with the new post's URI (plain data: a command's result may cross to the
 * workbench); the insert commands start a new post through `roundup.newPost` too. What they remember
 * (the author asked for) lives as long as they are registered.
 */
export function registerPostCommands(
  settings: Settings,
  feeds: FeedService,
  shortlist: Shortlist,
  featured?: FeaturedPosts,
  blog?: Blog,
): vscode.Disposable {
  const session: Session = { toldFolders: new Set(), log: feeds.log, featured, blog };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      'roundup.newPost',
      async () => (await createPost(settings, session))?.editor.document.uri,
    ),
    vscode.commands.registerCommand(
      'roundup.draft',
      async () => (await draftCommand(settings, session, feeds))?.editor.document.uri,
    ),
    vscode.commands.registerCommand(
      'roundup.draftFromShortlist',
      async () => (await draftFromShortlist(settings, session, shortlist))?.editor.document.uri,
    ),
    { dispose: () => delete session.askedAuthor },
  );
}
