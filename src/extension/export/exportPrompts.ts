import * as vscode from 'vscode';

export type SnapshotFormat = 'json' | 'csv';

/**
 * Every question the exports ask and every notice they give, behind one interface so the
 * integration tests can answer without UI prompts (see `GradientLensTestHooks.useExportPromptsForTest`).
 */
export interface ExportPrompts {
  pickFormat(): Promise<SnapshotFormat | undefined>;
  /** Where to save one file; `filters` as for `showSaveDialog`. */
  saveFile(defaultUri: vscode.Uri, filters: Record<string, string[]>, title: string): Promise<vscode.Uri | undefined>;
  /** The folder to create the CSV export's folder in. */
  pickFolder(defaultUri: vscode.Uri, title: string): Promise<vscode.Uri | undefined>;
  /** Success, with an action that opens the file or reveals the folder. */
  saved(message: string, target: vscode.Uri, kind: 'file' | 'folder'): void;
  failed(message: string): void;
}

/** The real prompts: QuickPick, save/open dialogs and notifications. */
export const windowPrompts: ExportPrompts = {
  async pickFormat() {
    const picked = await vscode.window.showQuickPick([
      { label: 'JSON', description: 'one file, the CLI dump format (gradient-lens/dump@1)', format: 'json' as const },
      { label: 'CSV', description: 'a folder with one CSV file per tensor', format: 'csv' as const },
    ], { placeHolder: 'Export the snapshot as…' });
    return picked?.format;
  },
  saveFile: (defaultUri, filters, title) => Promise.resolve(vscode.window.showSaveDialog({ defaultUri, filters, title })),
  async pickFolder(defaultUri, title) {
    const picked = await vscode.window.showOpenDialog({ defaultUri, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title, openLabel: 'Export Here' });
    return picked?.[0];
  },
  saved(message, target, kind) {
    const action = kind === 'file' ? 'Open' : 'Reveal';
    void vscode.window.showInformationMessage(message, action).then((chosen) => {
      if (chosen === 'Open') void vscode.commands.executeCommand('vscode.open', target);
      if (chosen === 'Reveal') void vscode.commands.executeCommand('revealFileInOS', target);
    });
  },
  failed(message) {
    void vscode.window.showErrorMessage(message);
  },
};
