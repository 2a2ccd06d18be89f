// Shared helpers for the integration tests: the extension under test and the workspace fixture.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { parseModel } from '../../../src/model/parse';
import type { ModelSpec } from '../../../src/core/spec';

export const EXTENSION_ID = 'gradient-lens.gradient-lens';

/** The extension under test, as the running extension host sees it. */
export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/** A file of the workspace fixture (test/fixtures/workspace), which the test window has open. */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder: open test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The spec of a workspace fixture whose data is synthetic (complete without loading any file). */
export async function fixtureSpec(name: string): Promise<ModelSpec> {
  const parsed = parseModel(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(name))));
  assert.ok(parsed.spec, `${name}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.spec;
}

/** Polls `condition` (which may be async) until it gives a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(what: string, condition: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The manifest's contributed command ids: tests follow package.json as commands are added. */
export function contributedCommands(): string[] {
  const manifest = extensionUnderTest().packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}

/** How long a test waits for the worker, the panel or the output channel (slow under CI load). */
export const LONG = 20_000;

/** The activated extension's API with the development build's test hooks (`node esbuild.mjs` builds them in). */
export async function api(): Promise<GradientLensApi & GradientLensTestHooks> {
  await extensionUnderTest().activate();
  const exports = extensionUnderTest().exports as GradientLensApi & Partial<GradientLensTestHooks>;
  assert.equal(typeof exports.injectPanelMessage, 'function', 'the extension has no test hooks: the integration tier needs the development build (node esbuild.mjs), not the production one');
  return exports as GradientLensApi & GradientLensTestHooks;
}

/** Opens a fixture file in a pinned (non-preview) editor. */
export async function showEditor(name: string, viewColumn = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri(name)), { preview: false, viewColumn });
}

/** Opens a fixture file in a pinned editor; its URI names the model's session. */
export async function show(name: string, viewColumn = vscode.ViewColumn.One): Promise<vscode.Uri> {
  return (await showEditor(name, viewColumn)).document.uri;
}

/** The Gradient Lens output channel's text (shown, since output documents exist only while visible). */
export async function outputLog(): Promise<string> {
  await vscode.commands.executeCommand('gradientLens.showOutput');
  const editor = await waitFor('the output channel', () =>
    vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && e.document.uri.path.endsWith('Gradient Lens')));
  return editor.document.getText();
}

/** Polls the output channel until it matches `pattern`; returns the text that matched. */
export async function waitForLog(pattern: RegExp): Promise<string> {
  const deadline = Date.now() + LONG;
  for (;;) {
    const text = await outputLog();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) assert.fail(`the output log never matched ${pattern}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The Gradient Lens panel's tab, if one is open. */
export function panelTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('gradientLens.panel'));
}

/** Opens the Gradient Lens panel of `uri` (or shows it again) and waits until its webview says `ready`. */
export async function openPanel(lens: GradientLensApi, uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('gradientLens.openPanel', uri);
  await waitFor('the webview to say ready', () => lens.panelStats(uri)?.ready, LONG);
}

/** How many messages of `type` the panel of `uri` was sent. */
export const posted = (lens: GradientLensApi, uri: vscode.Uri, type: string): number => lens.panelStats(uri)?.posted[type] ?? 0;

/** Closes every editor and panel, then waits until no training worker is left. */
export async function closeEverything(lens: GradientLensApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('every worker to end', () => lens.liveWorkerCount() === 0, LONG);
}

/** Replaces the first `from` in the editor's text with `to` and saves, as a user editing the model would. */
export async function replaceAndSave(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const at = editor.document.getText().indexOf(from);
  assert.ok(at >= 0, `${from} in the file`);
  const edited = await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length)), to));
  assert.ok(edited, `the edit of ${editor.document.uri.path} applied`);
  const dirty = editor.document.isDirty;
  assert.ok(await editor.document.save(), `${editor.document.uri.path} saved (dirty before: ${dirty}, closed: ${editor.document.isClosed}, dirty after: ${editor.document.isDirty})`);
}
