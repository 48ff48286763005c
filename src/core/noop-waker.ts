// A waker that wakes nothing, for polling a future by hand outside any executor.
//
// Its own file, not waker.ts: its vtable names every vtable method, and a
// firmware that never polls by hand should not carry them (the Lua build
// drops a method nothing names).

import { Context, Waker } from './waker.ts';
import type { RawWakerVTable } from './waker.ts';

function noop(): void {}

const noopVTable: RawWakerVTable = {
  clone: () => NOOP_WAKER,
  wake: noop,
  wakeByRef: noop,
  drop: noop,
  wakeAll: noop,
};

/** A waker that wakes nothing: for polling a future by hand, outside any executor. */
export const NOOP_WAKER: Waker = new Waker(noopVTable, -1);

/** A context around NOOP_WAKER. */
export const NOOP_CONTEXT: Context = new Context(NOOP_WAKER);
