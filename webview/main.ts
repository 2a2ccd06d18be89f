/**
 * Entry point of the panel's browser bundle (dist/webview.js): connects to the host, starts the
 * message loop, then says `ready` so the host knows posting is safe (it must not post earlier),
 * and right after it what the panel wants streamed (`setView`).
 */
import { Panel } from './panel';
import { installTestHooks } from './testHooks';
import { connectToHost } from './vscodeApi';

const host = connectToHost();
const panel = new Panel(document.body, host);
window.addEventListener('message', (event: MessageEvent<unknown>) => panel.receive(event.data));
host.post({ type: 'ready' });
panel.start();
installTestHooks(panel);
