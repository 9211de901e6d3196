import * as vscode from 'vscode';
import { schemaAsSettings, schemaMarkdown } from '../core/frontmatter/blogSchema';
import type { Blog } from './blog';

/** The scheme of the read-only schema document. */
const SCHEME = 'roundup-schema';
const DOCUMENT = vscode.Uri.from({ scheme: SCHEME, path: '/Front matter schema.md' });
const SAVE = 'Save to settings';

/**
 * "Roundup: Show front matter schema": the blog's schema (core/frontmatter/blogSchema.ts) as a read-only
 * markdown document, a table of every key with its type, posts, required and source; with "Save to
 * settings" (also a command) to pin it in the workspace's `roundup.frontMatter.fields` and `required`.
 */
export function registerSchemaCommands(blog: Blog): vscode.Disposable {
  const changes = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changes.event,
    provideTextDocumentContent: async () => {
      const schema = await blog.schema();
      if (schema) return schemaMarkdown(schema);
      return '# Front matter schema\n\nOpen a folder to see the schema of its blog.\n';
    },
  };
  return vscode.Disposable.from(
    changes,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    blog.onDidChange(() => changes.fire(DOCUMENT)),
    vscode.commands.registerCommand('roundup.showSchema', async () => {
      const document = await vscode.workspace.openTextDocument(DOCUMENT);
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { preview: true });
      void vscode.window
        .showInformationMessage('Roundup: the front matter schema of this blog.', SAVE)
        .then((choice) => (choice === SAVE ? vscode.commands.executeCommand('roundup.saveSchema') : undefined));
      return document;
    }),
    vscode.commands.registerCommand('roundup.saveSchema', async () => {
      const schema = await blog.schema();
      if (!schema) return false;
      const { fields, required } = schemaAsSettings(schema);
      const config = vscode.workspace.getConfiguration();
      await config.update('roundup.frontMatter.fields', fields, vscode.ConfigurationTarget.Workspace);
      await config.update('roundup.frontMatter.required', required, vscode.ConfigurationTarget.Workspace);
      void vscode.window.showInformationMessage(
        'Roundup: the front matter schema is saved in the workspace settings; the blog\'s posts no longer change it.',
      );
      return true;
    }),
  );
}
