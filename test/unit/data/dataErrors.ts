// Catching the data layer's one exception type, so tests can assert on its row, column and key.
import assert from 'node:assert/strict';
import { DataError } from '../../../src/data/errors';

/** Runs `action`, which must throw a DataError, and returns it. */
export function dataError(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a DataError');
}

/** Awaits `promise`, which must reject with a DataError, and returns it. */
export async function rejection(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a DataError');
}
