/**
 * The worker's side of the input-space view: for a model with 1 or 2 inputs, the network's
 * prediction on a fixed grid over the data's range; for image inputs, the first layer's weight
 * and gradient rows. Computed only while the panel shows the view, at most
 * INPUT_SPACE_LIMITS.maxRate per second, between steps (it reuses the network's batch buffers).
 */
import type { FloatArray, Trainer } from '../engine';
import { predictRows } from '../engine';
import {
  gridCellCentre, type FirstLayerImagesMessage, type GridDomain, type InputPointsMessage, type InputViewMessage, type PredictionGridMessage,
} from '../protocol/inputSpace';
import { INPUT_SPACE_LIMITS } from '../core/limits';
import { dataDomain, inputPointsOf } from './inputPoints';
import { SnapshotGate } from './snapshotGate';

/** The grid's input rows, built once per configuration and reused by every evaluation. */
interface PredictionGrid {
  readonly inputWidth: 1 | 2;
  readonly resolution: number;
  readonly domain: GridDomain;
  readonly cells: number;
  /** [cells × inputWidth], cell centres, first input fastest. */
  readonly inputs: Float64Array;
}

function predictionGrid(inputWidth: 1 | 2, domain: GridDomain): PredictionGrid {
  const resolution = inputWidth === 2 ? INPUT_SPACE_LIMITS.planeResolution : INPUT_SPACE_LIMITS.lineResolution;
  const cells = resolution ** inputWidth;
  const inputs = new Float64Array(cells * inputWidth);
  for (let cell = 0; cell < cells; cell++) {
    inputs[cell * inputWidth] = gridCellCentre(domain, resolution, 0, cell % resolution);
    if (inputWidth === 2) inputs[cell * 2 + 1] = gridCellCentre(domain, resolution, 1, Math.floor(cell / resolution));
  }
  return { inputWidth, resolution, domain, cells, inputs };
}

export class InputSpaceStream {
  /** The data to draw under the grid; undefined unless the model has 1 or 2 inputs. */
  readonly points: InputPointsMessage | undefined;
  private readonly grid: PredictionGrid | undefined;
  private readonly imageShape: readonly [number, number] | undefined;
  // The snapshot gate's fixed-interval timing without its acknowledgements: nothing queues at ≤ 5/s.
  private readonly gate = new SnapshotGate(INPUT_SPACE_LIMITS.maxRate, Number.POSITIVE_INFINITY);
  private enabled = false;

  constructor(private readonly trainer: Trainer<FloatArray>) {
    const { dataset } = trainer;
    const width = dataset.inputWidth;
    if (width === 1 || width === 2) {
      const domain = dataDomain(dataset);
      this.grid = predictionGrid(width, domain);
      this.points = inputPointsOf(dataset, trainer.validationIndices, domain);
    }
    const shape = dataset.imageShape;
    if (shape !== undefined && shape[0] * shape[1] === width) this.imageShape = shape;
  }

  /** Whether this model has an input-space view at all. */
  get available(): boolean {
    return this.grid !== undefined || this.imageShape !== undefined;
  }

  /** Turns the view on or off; true when it was just turned on (the caller sends one view at once). */
  setEnabled(enabled: boolean): boolean {
    const turnedOn = enabled && !this.enabled;
    this.enabled = enabled;
    return turnedOn;
  }

  /** The current view when the panel shows it and one is due (or `force`), else undefined. */
  next(force: boolean): InputViewMessage | undefined {
    if (!this.enabled || !this.available || !(force || this.gate.isDue)) return undefined;
    this.gate.markSent();
    return this.grid !== undefined ? this.predictionGrid(this.grid) : this.firstLayerImages(this.imageShape!);
  }

  private predictionGrid(grid: PredictionGrid): PredictionGridMessage {
    const network = this.trainer.network;
    // Fresh per message: it is transferred (detached) when posted.
    const outputs = new Float32Array(grid.cells * network.outputWidth);
    predictRows(network, grid.inputs, grid.cells, outputs);
    return {
      type: 'predictionGrid', step: this.trainer.stepCount, inputWidth: grid.inputWidth, resolution: grid.resolution,
      domain: grid.domain, outputWidth: network.outputWidth, outputs,
    };
  }

  private firstLayerImages(imageShape: readonly [number, number]): FirstLayerImagesMessage {
    const first = this.trainer.network.layers[0];
    const units = Math.min(first.units, INPUT_SPACE_LIMITS.maxImageUnits);
    const length = units * first.inputs;
    const weights = Float32Array.from(first.weights.subarray(0, length));
    // Before the first step the gradient buffer holds nothing of this run (e.g. after a reset).
    const weightGradient = this.trainer.stepCount === 0 ? new Float32Array(length) : Float32Array.from(first.weightGradient.subarray(0, length));
    return { type: 'firstLayerImages', step: this.trainer.stepCount, imageShape, units, totalUnits: first.units, weights, weightGradient };
  }
}
