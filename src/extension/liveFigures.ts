import type * as vscode from 'vscode';
import type { RunState } from '../protocol/panelMessages';
import type { LayerStats } from '../core/snapshot';
import type { Finding } from '../insight/diagnosis';

/** The latest per-layer figures of a model that is training, for the hover and CodeLens. */
export interface LiveRun {
  readonly state: RunState;
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  /** Index l − 1 holds layer l. */
  readonly layers: readonly LayerStats[];
  /** The findings on show after the latest snapshot: the session's one diagnosis, as the panel and the warnings have it. */
  readonly findings: readonly Finding[];
}

/** Implemented by the session manager; read by editor features that show live figures. */
export interface LiveFigures {
  latest(modelUri: vscode.Uri): LiveRun | undefined;
  /** Fires with the model's URI when its run changes state or a new snapshot arrives (throttled by the session). */
  readonly onDidChange: vscode.Event<vscode.Uri>;
}
