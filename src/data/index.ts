/** The data-source API in one import. */
export { loadDataset, type DataFileReader } from './load';
export { generateSynthetic, generateLabelled, syntheticClassNames } from './synthetic';
export { csvToDataset, type CsvOptions } from './csv';
export { parseCsvText, type CsvRow } from './csvText';
export { idxToDataset, parseIdx, type IdxOptions } from './idx';
export { loadBundled, BUNDLED_FILES } from './bundled';
export { encodeTargets, targetWidthFor, labelledToDataset, type LabelledSamples } from './encode';
export { normalizeColumns, normalizeGlobally } from './normalize';
export { staticDatasetInfo, type DatasetInfo } from './info';
export { DataError, type DataErrorCode, type DataKey } from './errors';
