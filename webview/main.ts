/**
 * Entry point of the panel's browser bundle (dist/webview.js): connects to the host, starts the
 * message loop, then says `ready` so the host knows posting is safe (it must not post earlier).
 */
import { Panel } from './panel';
import { connectToHost } from './vscodeApi';

const post = connectToHost();
const panel = new Panel(document.body, post);
window.addEventListener('message', (event: MessageEvent<unknown>) => panel.receive(event.data));
post({ type: 'ready' });
