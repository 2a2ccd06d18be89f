/**
 * "Gradient Lens: New Model from Template". The template opens as an untitled document named
 * `<template>.nn.json` in the first workspace folder: nothing is written to disk until the user
 * saves (as with File › New File), yet the name already makes it a model file, so the schema,
 * diagnostics, hover and lenses work at once and Save proposes that name and folder.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { MODEL_TEMPLATES, type ModelTemplate } from './templateList';

export function templateUri(extensionUri: vscode.Uri, template: ModelTemplate): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'templates', `${template.id}.nn.json`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((document) => document.uri.path === uri.path)) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `xor.nn.json`, else `xor-2.nn.json`, … : a name neither on disk nor open (untitled included). */
async function untitledUriFor(template: ModelTemplate): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (let attempt = 1; ; attempt++) {
    const name = `${template.id}${attempt === 1 ? '' : `-${attempt}`}.nn.json`;
    const onDisk = folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(`/${name}`);
    if (folder ? !(await exists(onDisk)) : !vscode.workspace.textDocuments.some((document) => document.uri.path.endsWith(`/${name}`))) {
      return folder ? onDisk.with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
    }
  }
}

/** Opens `template` as a new untitled model document and shows it. */
export async function newModelFromTemplate(extensionUri: vscode.Uri, template: ModelTemplate): Promise<vscode.TextDocument> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(templateUri(extensionUri, template)));
  const document = await vscode.workspace.openTextDocument(await untitledUriFor(template));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not fill ${document.uri.toString(true)}`);
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Registers the command. With a template id as argument (walkthroughs, tests) it skips the picker.
 * Returns the opened document.
 */
export function registerNewModelCommand(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.newModel, async (templateId?: unknown) => {
    let template = typeof templateId === 'string' ? MODEL_TEMPLATES.find((candidate) => candidate.id === templateId) : undefined;
    if (!template) {
      const picked = await vscode.window.showQuickPick(
        MODEL_TEMPLATES.map((candidate) => ({ label: candidate.label, description: candidate.description, template: candidate })),
        { title: 'New Model from Template', placeHolder: 'Pick a network to start from' },
      );
      template = picked?.template;
    }
    return template ? newModelFromTemplate(extensionUri, template) : undefined;
  });
}
