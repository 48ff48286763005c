// sampler: the task example from README.md, kept here so that it is compiled and tested.

import { Channel, PENDING, pollFn } from 'flagpoll';
import type { Runtime } from 'flagpoll';

export function start(rt: Runtime, log: (line: string) => void): void {
  const readings = new Channel<number>(4);   // a fixed ring of 4
  const every = rt.sleep(200);               // one timer, reused
  let n = 0;
  rt.spawn(pollFn((cx) => {
    while (every.poll(cx) !== PENDING) readings.trySend(++n);
    return PENDING;                          // wait for the timer
  }), 'sampler');
  const next = readings.recv();
  rt.spawn(pollFn((cx) => {
    for (let v = next.poll(cx); v !== PENDING; v = next.poll(cx)) log(`got ${v}`);
    return PENDING;
  }), 'logger');
}
