// The interrupt side of the benchmark: emulated GPIO interrupts per second.
//
// One watched pin on a simulated board (no trace, `record: false`, as
// firmware runs) and one task waiting for 'both' edges on it, counting them
// through `merged`. Each interrupt is the outside world toggling the pin
// (`SimBoard.setInput`: the reactor records the edge and raises its flag),
// then one run of the main loop (`runPending`: dispatch, wake, poll). So the
// figure covers the whole path an interrupt takes, from the pin to the task
// that sees it. Every run checks that the task saw exactly the interrupts
// injected: a figure bought by losing events would be refused, not printed.

import { loadBoard } from '../boards/load.ts';
import { pollFn } from '../core/combinators.ts';
import { PENDING } from '../core/poll.ts';
import { Device } from '../device.ts';
import { input } from '../device-input.ts';
import { SimBoard } from '../emulator/sim-board.ts';

export interface IrqBench {
  readonly sim: SimBoard;
  readonly dev: Device<'espruino-pico'>;
  /** Inject `irqs` interrupts, running the main loop after each. Answers how many the task saw; throws unless all. */
  run(irqs: number): number;
}

/** A simulated espruino-pico with one task counting the edges of A0. */
export function makeIrqBench(): IrqBench {
  const board = loadBoard('espruino-pico');
  const sim = new SimBoard(board, { record: false });
  const dev = new Device<'espruino-pico'>(board, sim, { tracer: null });
  sim.attach(dev.rt);
  const edges = input(dev, 'A0').waitFor('both');
  let seen = 0;
  dev.rt.spawn(pollFn((cx) => {
    for (let e = edges.poll(cx); e !== PENDING; e = edges.poll(cx)) seen += e.merged;
    return PENDING;
  }), 'irq');
  sim.runPending();
  const ref = board.pins['A0']!.pin;
  let level = sim.read(ref);
  return {
    sim,
    dev,
    run(irqs: number): number {
      const before = seen;
      for (let i = 0; i < irqs; i++) {
        level ^= 1;
        sim.setInput(ref, level);
        sim.runPending();
      }
      const saw = seen - before;
      if (saw !== irqs) throw new Error(`irq bench: injected ${irqs} interrupts, the task saw ${saw}`);
      return saw;
    },
  };
}

/** Interrupts seen per wall-clock second over one run of `irqs`. */
export function timeIrqs(bench: IrqBench, irqs: number): number {
  const t0 = process.hrtime.bigint();
  const seen = bench.run(irqs);
  return seen / (Number(process.hrtime.bigint() - t0) / 1e9);
}
