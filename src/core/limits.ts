/**
 * Every limit the product enforces, in one place, so the messages that cite them and the code
 * that checks them cannot drift apart.
 */
/** Units in one layer and the input width (also bounds the columns a CSV may have). */
const MAX_LAYER_WIDTH = 65_536;

export const LIMITS = {
  /** Parameters (weights + biases) in one network. */
  maxParameters: 10_000_000,
  /** Units in one layer, and the input width. */
  maxLayerWidth: MAX_LAYER_WIDTH,
  /** Dense layers in one network. */
  maxLayers: 64,
  /** Samples in one batch. */
  maxBatchSize: 8_192,
  /** Samples in one dataset. */
  maxSamples: 1_000_000,
  /**
   * Input values (samples × input width) of one data set, checked before they are allocated:
   * 64 Mi values are 256 MiB as Float32, 512 MiB as Float64 (MNIST's training set has 47 M).
   */
  maxDatasetValues: 64 * 1024 * 1024,
  /**
   * Size of a model file read from disk (one not open in an editor), in bytes: VS Code hands
   * extensions no open document over 50 MB either, and a model needs a few kilobytes.
   */
  maxModelFileBytes: 50 * 1024 * 1024,
  /** Size of a CSV or IDX file read from the workspace, in bytes. */
  maxDataFileBytes: 256 * 1024 * 1024,
  /** Epochs of one run. */
  maxEpochs: 1_000_000,
  /** Snapshots per second the worker streams at least (the `gradientLens.snapshotRate` setting's minimum). */
  minSnapshotRate: 1,
  /** Snapshots per second the worker may stream. */
  maxSnapshotRate: 60,
  /** Largest learning rate η a model file or the panel's η control may set (η must also be finite and > 0). */
  maxLearningRate: 10,
  /**
   * Batch rows of z, a and δ one snapshot carries: a window around the selected sample when the
   * batch is larger. A heatmap shows at most a few hundred rows legibly, and B·n_l floats per
   * layer per snapshot are what grows with the batch (at B = 8192 a 1024-wide layer's three
   * tensors alone are 96 MiB).
   */
  maxSnapshotRows: 256,
  /** Snapshots the worker may have in flight before it coalesces to the newest. */
  maxUnacknowledgedSnapshots: 2,
  /** Sessions (each with its own worker) training at once. */
  maxSessions: 4,
  /** Columns of a CSV row: the widest input (maxLayerWidth) plus a target column. */
  maxCsvColumns: MAX_LAYER_WIDTH + 1,
  /** Characters of one CSV row, counted as it is read (a row holds one sample). */
  maxCsvRowChars: 4 * 1024 * 1024,
  /** Nesting of objects and arrays in a model file (a model needs 3 levels; deeper is refused before parsing). */
  maxNestingDepth: 64,
  /** Keys and values in a model file (a `features` list of every allowed column fits with room to spare). */
  maxModelValues: 262_144,
  /** Milliseconds a data file may take to read before the read is abandoned (a FIFO or a device never ends). */
  maxDataReadMs: 30_000,
  /**
   * Memory one training run may need, in bytes: parameters, optimizer state, the batch's
   * activations, the data set as stored and one snapshot, as `estimateMemory` counts them.
   * 2 GiB keeps a few sessions plus VS Code well inside a 24 GB machine.
   */
  maxModelBytes: 2 * 1024 * 1024 * 1024,
  /** Bytes of data sets the editor keeps loaded for validation (least recently used dropped first). */
  maxCachedDataBytes: 512 * 1024 * 1024,
} as const;

/**
 * Bounds of the per-step scalars (loss, accuracy, ‖∂L/∂W⁽ˡ⁾‖ of every step) the worker streams
 * next to the sampled snapshots, and of the charts that keep them.
 */
export const SCALAR_LIMITS = {
  /** Steps in one `scalars` message; the worker sends a full batch at once (at most every ~0.1 s at full speed). */
  maxStepsPerMessage: 16_384,
  /** Buckets a chart series keeps: every step until then, then pairs merged into min/max buckets. */
  maxSeriesBuckets: 16_384,
  /** Points a chart draws per series at most: min and max of each of this many groups, and the newest step. */
  drawnGroups: 1_000,
} as const;

export const DEFAULTS = {
  snapshotRate: 30,
  /** Parameters of each W⁽ˡ⁾ and b⁽ˡ⁾ that Check Gradients compares (all of a smaller tensor). */
  gradientCheckSamplesPerTensor: 32,
} as const;

/**
 * Bounds of what the panel may ask the host for; `parseWebviewMessage` (src/host/panel/parseWebviewMessage.ts)
 * rejects anything outside them before the host acts on it.
 */
export const PANEL_LIMITS = {
  /** How long Train waits for a newly opened panel's webview to load before it starts the run anyway (ms). */
  maxReadyWaitMs: 5_000,
} as const;

/**
 * Bounds of the export features: the norm history the host keeps, and the PNG images the panel may
 * send (`exportImage`), which `parseWebviewMessage` checks before the host writes anything.
 */
export const EXPORT_LIMITS = {
  /** Snapshots whose per-layer norms the host keeps for "Export Gradient-Norm History" (oldest dropped first). */
  maxNormHistoryRows: 10_000,
  /** Decoded size of one exported PNG, in bytes. */
  maxImageBytes: 16 * 1024 * 1024,
  /** Width and height of one exported PNG, in pixels. */
  maxImageSide: 16_384,
  /** Characters of an image's suggested file name (without the .png the host adds). */
  maxImageNameLength: 64,
} as const;

/**
 * Bounds of the input-space view: the prediction over the input plane or line, the
 * data points drawn on it, and the first layer's weights as images. The worker enforces them.
 */
export const INPUT_SPACE_LIMITS = {
  /** Prediction grids (or first-layer images) per second at most, computed only while the panel shows them. */
  maxRate: 5,
  /** Cells per axis of the grid over a 2-D input plane (64 × 64 forward rows). */
  planeResolution: 64,
  /** Points along a 1-D input range (the regression curve). */
  lineResolution: 256,
  /** Data points sent to draw over the prediction; larger datasets are subsampled evenly. */
  maxPoints: 2000,
  /** First-layer units drawn as images; later units are left out (the panel says so). */
  maxImageUnits: 64,
  /** Margin around the data's range on each side, as a fraction of that range. */
  margin: 0.1,
} as const;
