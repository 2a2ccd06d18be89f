/**
 * The editor features of model files in one registration: diagnostics, hover, run CodeLens,
 * layer-shape inlay hints and the New Model command. Everything is owned by `context`.
 */
import * as vscode from 'vscode';
import type { LiveFigures } from '../liveFigures';
import { MODEL_FILE_SELECTOR } from '../modelFiles';
import { ModelCodeLensProvider } from './codeLens';
import { DataCache } from './dataCache';
import { ModelDiagnostics } from './diagnostics';
import { ModelHoverProvider } from './hover';
import { LayerShapeHints } from './layerHints';
import { ModelDocuments } from './modelDocuments';
import { registerNewModelCommand } from './templates';

/** Returns the diagnostics, whose pending data loads the extension's API reports. */
export function registerEditorFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, liveFigures?: LiveFigures): ModelDiagnostics {
  const data = new DataCache();
  const documents = new ModelDocuments(data);
  const codeLenses = new ModelCodeLensProvider(documents, liveFigures);
  const hints = new LayerShapeHints(documents);
  const diagnostics = new ModelDiagnostics(documents, log);
  context.subscriptions.push(
    data,
    documents,
    diagnostics,
    codeLenses,
    hints,
    vscode.languages.registerHoverProvider(MODEL_FILE_SELECTOR, new ModelHoverProvider(documents, liveFigures)),
    vscode.languages.registerCodeLensProvider(MODEL_FILE_SELECTOR, codeLenses),
    vscode.languages.registerInlayHintsProvider(MODEL_FILE_SELECTOR, hints),
    registerNewModelCommand(context.extensionUri),
    // Restricted mode refused data paths outside the workspace: once trusted, read them again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => data.clear()),
  );
  return diagnostics;
}
