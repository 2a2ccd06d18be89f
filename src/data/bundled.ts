/**
 * The datasets shipped in the extension's data/ folder (see data/README.md for sources and
 * licences). Parsed with the same CSV and IDX readers as user files.
 */
import type { BundledSourceName, LossName, NormalizeMode } from '../core/spec';
import { csvToDataset } from './csv';
import type { Dataset } from '../core/dataset';
import { decodeText } from './bytes';
import { idxToDataset } from './idx';

/** File names inside the bundled data folder. */
export const BUNDLED_FILES = {
  iris: { csv: 'iris.csv', target: 'species' },
  digits: { images: 'digits-images-idx3-ubyte.gz', labels: 'digits-labels-idx1-ubyte.gz' },
} as const;

export async function loadBundled(
  source: BundledSourceName,
  normalize: NormalizeMode,
  loss: LossName,
  readBundled: (fileName: string) => Promise<Uint8Array>,
): Promise<Dataset> {
  if (source === 'iris') {
    const { csv, target } = BUNDLED_FILES.iris;
    return csvToDataset(decodeText(await readBundled(csv), csv), { target, normalize, loss, fileName: csv });
  }
  const { images, labels } = BUNDLED_FILES.digits;
  const [imageBytes, labelBytes] = await Promise.all([readBundled(images), readBundled(labels)]);
  return idxToDataset(imageBytes, labelBytes, { loss, normalize, imagesName: images, labelsName: labels });
}
