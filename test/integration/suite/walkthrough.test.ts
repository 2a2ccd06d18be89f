// The Get Started walkthrough's buttons inside the real extension host: each runs a command this
// window has registered, and "Walk Through a Step", pressed on the Get Started page (no editor
// active, so the command gets no URI), acts on the model last edited: it opens the panel on a paused
// step, stepping once when nothing has trained yet, and tells the panel to begin its walk-through.
// (What the panel then draws is the webview and e2e tiers' business.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { api, closeEverything, extensionUnderTest, EXTENSION_ID, LONG, posted, show, waitFor } from './fixture';

interface Walkthrough { id: string; steps: { id: string; description: string }[] }

function walkthrough(): Walkthrough {
  const walkthroughs = (extensionUnderTest().packageJSON as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs;
  assert.equal(walkthroughs.length, 1);
  return walkthroughs[0];
}

/** Shows the Get Started page of our walkthrough, as the Welcome page's link does; no text editor is active then. */
async function openGetStarted(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough().id}`, false);
  await waitFor('the Get Started page to take the editor area', () => vscode.window.activeTextEditor === undefined, LONG);
}

describe('Get Started walkthrough', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;

  before(async () => { lens = await api(); });
  afterEach(async () => { await closeEverything(lens); });

  it('every button of every step runs a registered command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const buttons = walkthrough().steps.flatMap((step) => [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((match) => ({ step: step.id, command: match[1] })));
    assert.ok(buttons.some((button) => button.command === 'gradientLens.walkThroughStep'), 'the walk-through step has its button');
    for (const { step, command } of buttons) assert.ok(registered.has(command), `step ${step}: ${command} is not a registered command`);
  });

  // One panel for both presses: under load, a second panel created in this window after the Get
  // Started page had been shown and closed never loaded its webview in code-server (no `ready`
  // within 25 s, in either order of the two cases), so the second case continues the first's run.
  it('"Walk Through a Step" opens the panel on one step when nothing has trained, and pauses a run on a shown step', async () => {
    const uri = await show('xor.nn.json');
    await openGetStarted();
    await vscode.commands.executeCommand('gradientLens.walkThroughStep');
    assert.equal(lens.sessionState(uri), 'paused');
    assert.equal(lens.liveRun(uri)?.step, 1, 'one step was taken, so there is a step to walk through');
    await waitFor('the panel to be told to begin the walk-through', () => posted(lens, uri, 'walkthrough') === 1, LONG);
    assert.ok(lens.panelStats(uri)?.ready, 'on a panel that has loaded');

    // The same model, now training: the button pauses it and walks through the step it rests on.
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('a few more steps', () => (lens.liveRun(uri)?.step ?? 0) > 3, LONG);
    await openGetStarted();
    await vscode.commands.executeCommand('gradientLens.walkThroughStep');
    assert.equal(lens.sessionState(uri), 'paused');
    await waitFor('the panel to be told to begin the walk-through again', () => posted(lens, uri, 'walkthrough') === 2, LONG);
  });
});
