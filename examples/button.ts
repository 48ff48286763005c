// button: each press of BTN1 (debounced 20 ms) toggles LED1 and writes
// "press N" and CR LF to the console, N counting from 1.

import { PENDING, button, pollFn, uart } from '../src/index.ts';
import type { Device } from '../src/index.ts';

export default function pressCounter(dev: Device): void {
  const led = dev.led('LED1');
  const btn = button(dev, 'BTN1', { debounce: 20 });
  const out = uart(dev, 'console');
  const press = btn.waitPress();
  const say = out.write();
  let presses = 0;
  let saying = false;
  dev.rt.spawn(pollFn((cx) => {
    for (;;) {
      if (saying) {
        if (say.poll(cx) === PENDING) return PENDING;
        saying = false;
      }
      if (press.poll(cx) === PENDING) return PENDING;
      led.toggle();
      say.set(`press ${++presses}\r\n`);
      saying = true;
    }
  }), 'button');
}
