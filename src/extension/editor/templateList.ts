/** The model templates of "New Model from Template" (no vscode, so unit tests check every file parses). */

export interface ModelTemplate {
  /** File name stem under templates/, and the untitled document's name. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

/** Shipped in the .vsix under templates/ (see .vscodeignore). */
export const MODEL_TEMPLATES: readonly ModelTemplate[] = [
  { id: 'xor', label: 'XOR', description: '2 → 8 → 1 tanh/sigmoid; the classic problem one layer cannot solve' },
  { id: 'spirals', label: 'Three spirals', description: '2 → 32 → 32 → 3, softmax + cross-entropy; needs depth' },
  { id: 'digits', label: 'Digits (8×8 images)', description: '64 → 64 → 10, bundled handwritten digits' },
  { id: 'iris', label: 'Iris', description: '4 → 16 → 3, bundled flower measurements' },
  { id: 'deep-sigmoid-vanishing', label: 'Deep sigmoid net (vanishing gradients)', description: 'ten sigmoid layers: watch the first layers stop learning' },
  { id: 'deep-relu-bad-init', label: 'Deep ReLU net, bad init (exploding / dead)', description: 'ten ReLU layers with U(−1, 1) weights: gradients blow up' },
];
