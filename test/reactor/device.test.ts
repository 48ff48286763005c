// The Device on a HAL that records what it is told: output levels, LEDs,
// buttons by the level that means pressed, and what an error lists. Portable
// (test/portable), so it also runs on Lua, where 0 is true in a condition.

import { behaviour } from '../portable/behaviour.ts';
import { expectEqual, expectThrows } from '../portable/expect.ts';
import type { Board } from '../../src/boards/board.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Device } from '../../src/device.ts';
import type { Hal, PinRef } from '../../src/hal/hal.ts';
import type { PinSource } from '../../src/reactor/pin-source.ts';
import { HostPlatform } from '../../src/targets/host/platform.ts';
import { button } from '../../src/device-input.ts';

/** Records every level written, as "pin=level"; reads answer 0. */
class RecordingHal extends HostPlatform implements Hal {
  readonly writes: string[] = [];
  output(pin: PinRef, level: number): void {
    this.writes.push(pin + '=' + level);
  }
  write(pin: PinRef, level: number): void {
    this.writes.push(pin + '=' + level);
  }
  read(): number {
    return 0;
  }
  watch(_pin: PinRef, _pull: string, _debounceMs: number, _src: PinSource): void {}
  openUart(): void {}
  kick(): void {}
}

const BOARD: Board = {
  id: 'test-board',
  name: 'a board for the Device tests',
  target: 'host',
  clockHz: 1,
  ramBytes: 1,
  pins: {
    P1: { pin: 'P1', caps: ['gpio'] },
    P2: { pin: 'P2', caps: ['gpio'] },
    P3: { pin: 'P3', caps: ['gpio', 'irq'] },
    P4: { pin: 'P4', caps: ['gpio', 'irq'] },
  },
  leds: { LED1: { pin: 'P2', activeLevel: 'low' } },
  buttons: { LOW: { pin: 'P3', pressed: 'low' }, HIGH: { pin: 'P4', pressed: 'high' } },
  uarts: {},
  console: 'none',
  tasks: 2,
  timers: 2,
};

function device(board = BOARD) {
  const hal = new RecordingHal(false);
  return { hal, dev: new Device(board, hal) };
}

behaviour('an output written 0 is driven low, any other level high, and toggle flips it', () => {
  const { hal, dev } = device();
  const p = dev.output('P1' as never);
  p.write(1);
  p.write(0);
  p.write(7);
  p.toggle();
  expectEqual(hal.writes, ['P1=0', 'P1=1', 'P1=0', 'P1=1', 'P1=0']);
  expectEqual(p.level, 0);
});

behaviour('an LED lit at the low level is driven low when on and high when off', () => {
  const { hal, dev } = device();
  const led = dev.led('LED1' as never);
  expectEqual(led.isOn, false, 'off at start');
  led.on();
  expectEqual(led.isOn, true);
  led.toggle();
  expectEqual(hal.writes, ['P2=1', 'P2=0', 'P2=1']);
});

behaviour('a button pressed low counts a press at each falling edge, one pressed high at each rising edge', () => {
  const { dev } = device();
  const cx = dev.rt.executor.contexts[0]!;
  const low = button(dev, 'LOW' as never);
  const high = button(dev, 'HIGH' as never);
  const lowPress = low.waitPress();
  const highPress = high.waitPress();
  expectEqual(lowPress.poll(cx), PENDING);
  expectEqual(highPress.poll(cx), PENDING);
  low.input.source.edge(1, 1);
  high.input.source.edge(1, 1);
  expectEqual(lowPress.poll(cx), PENDING, 'a rise is no press of a button pressed low');
  expectEqual(highPress.poll(cx) !== PENDING, true, 'a rise is a press of a button pressed high');
  low.input.source.edge(0, 2);
  high.input.source.edge(0, 2);
  expectEqual(lowPress.poll(cx) !== PENDING, true, 'a fall is a press of a button pressed low');
  expectEqual(highPress.poll(cx), PENDING, 'a fall is no press of a button pressed high');
});

behaviour('a board without LEDs or buttons says "none" when one is asked for', () => {
  const { dev } = device({ ...BOARD, leds: {}, buttons: {} });
  expectThrows(() => dev.led('LED1' as never), 'board test-board has no LED "LED1" (LEDs: none)');
  expectThrows(() => button(dev, 'BTN1' as never), 'button "BTN1" (buttons: none)');
});
