import * as vscode from 'vscode';
import { dumpFile, type DumpStepRecord } from '../../engine/dumpFormat';
import { COMMANDS } from '../commandIds';
import { baseName, runningSession, targetModel } from '../commands';
import type { ActiveModel } from '../session/activeModel';
import type { SessionManager } from '../session/sessionManager';
import type { TrainingSession } from '../session/trainingSession';
import { windowPrompts, type ExportPrompts } from './exportPrompts';
import { normHistoryToCsv } from '../../host/export/normHistory';
import { stepRecordCsvFiles } from '../../host/export/tensorCsv';

/** The registered export commands, and the hook that swaps the prompts (integration tests). */
export interface Exports extends vscode.Disposable {
  usePrompts(prompts: ExportPrompts | undefined): void;
}

/**
 * "Export Snapshot…", "Export Gradient-Norm History…" and the panel's PNG buttons: thin glue that
 * asks where, serializes with the pure modules (dumpFormat, tensorCsv, normHistory) and writes
 * through `vscode.workspace.fs`, so remote and virtual workspaces work too.
 */
export function registerExports(manager: SessionManager, activeModel: ActiveModel, log: vscode.LogOutputChannel): Exports {
  let prompts: ExportPrompts = windowPrompts;
  const withSession = (action: (session: TrainingSession) => Promise<void>) => async (arg?: unknown) => {
    const uri = await targetModel(arg, 'session', manager, activeModel);
    if (!uri) return;
    const session = runningSession(uri, manager);
    if (session) await guarded(session, () => action(session));
  };
  const guarded = async (session: TrainingSession, action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${session.name}: export failed: ${message}`);
      prompts.failed(`Gradient Lens: export of ${session.name} failed: ${message}`);
    }
  };

  const exportSnapshot = async (session: TrainingSession) => {
    const format = await prompts.pickFormat();
    if (!format) return;
    const { spec, step, record } = await session.dumpStep();
    const base = `${modelBaseName(session.modelUri)}-step${step}`;
    if (format === 'json') {
      const target = await prompts.saveFile(besideModel(session.modelUri, `${base}.json`), { JSON: ['json'] }, 'Export Snapshot as JSON');
      if (!target) return;
      await writeText(target, dumpFile(spec, [record]));
      return done(session, `snapshot (step ${step}) saved to ${target.fsPath}`, target, 'file');
    }
    const parent = await prompts.pickFolder(besideModel(session.modelUri, ''), 'Export Snapshot as CSV: choose a folder');
    if (!parent) return;
    const folder = vscode.Uri.joinPath(parent, `${base}-csv`);
    await vscode.workspace.fs.createDirectory(folder);
    const files = stepRecordCsvFiles(JSON.parse(record) as DumpStepRecord);
    for (const file of files) await writeText(vscode.Uri.joinPath(folder, file.name), file.text);
    return done(session, `snapshot (step ${step}) saved as ${files.length} CSV files in ${folder.fsPath}`, folder, 'folder');
  };

  const exportNormHistory = async (session: TrainingSession) => {
    const rows = session.normHistory;
    if (rows.length === 0) {
      void vscode.window.showInformationMessage(`Gradient Lens: ${session.name} has no snapshots to export yet. Train or step first.`);
      return;
    }
    const target = await prompts.saveFile(besideModel(session.modelUri, `${modelBaseName(session.modelUri)}-norms.csv`), { CSV: ['csv'] }, 'Export Gradient-Norm History');
    if (!target) return;
    await writeText(target, normHistoryToCsv(rows));
    return done(session, `gradient-norm history (${rows.length} rows) saved to ${target.fsPath}`, target, 'file');
  };

  const saveImage = async (session: TrainingSession, name: string, png: Uint8Array) => {
    const target = await prompts.saveFile(besideModel(session.modelUri, `${name}.png`), { 'PNG image': ['png'] }, 'Save Image');
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, png);
    return done(session, `image saved to ${target.fsPath}`, target, 'file');
  };

  const done = (session: TrainingSession, what: string, target: vscode.Uri, kind: 'file' | 'folder') => {
    log.info(`${session.name}: ${what}`);
    prompts.saved(`Gradient Lens: ${what}`, target, kind);
  };

  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.exportSnapshot, withSession(exportSnapshot)),
    vscode.commands.registerCommand(COMMANDS.exportNormHistory, withSession(exportNormHistory)),
    manager.onDidRequestExport(({ session, request }) => {
      if (request.kind === 'image') void guarded(session, () => saveImage(session, request.name, request.png));
      else void vscode.commands.executeCommand(request.kind === 'snapshot' ? COMMANDS.exportSnapshot : COMMANDS.exportNormHistory, session.modelUri);
    }),
  );
  return {
    usePrompts: (replacement) => { prompts = replacement ?? windowPrompts; },
    dispose: () => disposable.dispose(),
  };
}

function writeText(uri: vscode.Uri, text: string): Thenable<void> {
  return vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** `spirals` for `spirals.nn.json`. */
function modelBaseName(uri: vscode.Uri): string {
  return baseName(uri).replace(/\.nn\.json$/, '');
}

/** A suggested location: the model's folder (the folder itself for an empty name). */
function besideModel(modelUri: vscode.Uri, name: string): vscode.Uri {
  const folder = vscode.Uri.joinPath(modelUri, '..');
  return name === '' ? folder : vscode.Uri.joinPath(folder, name);
}
