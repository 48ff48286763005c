// blink: LED1 on at t=0, then toggled every 500 ms on a drift-free grid.

import { PENDING, pollFn, ticker } from '../src/index.ts';
import type { Device } from '../src/index.ts';

export default function blink(dev: Device): void {
  const led = dev.led('LED1');
  const tick = ticker(dev.rt, 500);
  led.on();
  dev.rt.spawn(pollFn((cx) => {
    while (tick.poll(cx) !== PENDING) led.toggle();
    return PENDING;
  }), 'blink');
}
