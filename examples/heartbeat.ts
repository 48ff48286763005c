// heartbeat: three tasks on one runtime, no hardware needed.
//
// - `beat` ticks every 500 ms on a drift-free grid and counts.
// - `sensor` samples a (simulated) temperature every 200 ms into a channel.
// - `logger` receives readings with a 300 ms timeout and reports each one,
//   or a gap when the sensor is late.
//
// Every future is made once, before the tasks start; the loops below only poll.

import { Channel, PENDING, TIMED_OUT, pollFn } from '../src/index.ts';
import type { Runtime } from '../src/index.ts';

export function start(rt: Runtime, log: (line: string) => void): void {
  const readings = new Channel<number>(4);

  const tick = rt.ticker(500);
  let beats = 0;
  rt.spawn(pollFn((cx) => {
    while (tick.poll(cx) !== PENDING) log(`beat ${++beats}`);
    return PENDING;
  }), 'beat');

  // The sensor stalls for a while after its 8th sample, to show the timeout.
  const every = rt.sleep(200);
  const stall = rt.sleep(700);
  let samples = 0;
  rt.spawn(pollFn((cx) => {
    for (;;) {
      const wait = samples === 8 ? stall : every;
      if (wait.poll(cx) === PENDING) return PENDING;
      samples++;
      readings.trySend(20 + ((samples * 7) % 5) / 10);
    }
  }), 'sensor');

  const next = rt.timeout(readings.recv(), 300);
  rt.spawn(pollFn((cx) => {
    for (;;) {
      const r = next.poll(cx);
      if (r === PENDING) return PENDING;
      log(r === TIMED_OUT ? 'logger: no reading for 300 ms' : `logger: ${r.toFixed(1)} C`);
    }
  }), 'logger');
}
