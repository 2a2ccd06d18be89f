/**
 * The @vscode-elements/elements web components the panel's controls use, and only those: each
 * import registers its custom element (and whatever it renders inside, e.g. vscode-option and
 * vscode-scrollable for the select), so the bundle does not carry the whole library. They are
 * lit elements styled with constructable stylesheets (adoptedStyleSheets), which the webview's
 * `style-src` CSP does not block, and they read VS Code's `--vscode-*` theme variables.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

export type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/index.js';
export type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/index.js';
export type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/index.js';
export type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/index.js';
