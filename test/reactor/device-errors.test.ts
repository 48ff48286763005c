// Device errors: a name the board lacks, or a use its pin cannot serve, is
// refused with a message that names the board and says what it has.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBoard } from '../../src/boards/load.ts';
import { Code, FlagpollError } from '../../src/core/errors.ts';
import type { BoardId } from '../../src/boards/catalog.ts';
import { Device } from '../../src/device.ts';
import { button, input } from '../../src/device-input.ts';
import { uart } from '../../src/device-uart.ts';
import { SimBoard } from '../../src/emulator/sim-board.ts';

function device<B extends BoardId>(id: B): Device<B> {
  const board = loadBoard(id);
  const sim = new SimBoard(board, { record: false });
  const dev = new Device<B>(board, sim);
  sim.attach(dev.rt);
  return dev;
}

/** Runs `fn`, which must throw a FlagpollError with `code` whose message matches every pattern. */
function refuses(fn: () => unknown, code: Code, ...patterns: RegExp[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FlagpollError, `a FlagpollError, got ${String(e)}`);
    assert.equal(e.code, code, `code ${Code[code]}, got ${Code[e.code]}: ${e.message}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

test('an unknown pin names the board and lists its pins', () => {
  const dev = device('espruino-pico');
  refuses(() => input(dev, 'Z9' as never), Code.UnknownPin, /espruino-pico/, /"Z9"/, /pins: A0, A1, A2/, /C13/);
  refuses(() => dev.output('Z9' as never), Code.UnknownPin, /espruino-pico/, /"Z9"/, /pins: A0/);
});

test('an unknown LED names the board and lists its LEDs', () => {
  const dev = device('espruino-pico');
  refuses(() => dev.led('LED9' as never), Code.UnknownPin, /espruino-pico/, /LED "LED9"/, /LEDs: LED1, LED2\)/);
});

test('an unknown button names the board and lists its buttons', () => {
  const dev = device('nodemcu-esp8266');
  refuses(() => button(dev, 'BTN2' as never), Code.UnknownPin, /nodemcu-esp8266/, /button "BTN2"/, /buttons: BTN1\)/);
});

test('an unknown UART names the board and lists its UARTs', () => {
  const dev = device('espruino-pico');
  refuses(() => uart(dev, 'Serial9' as never), Code.UnknownUart, /espruino-pico/, /"Serial9"/, /UARTs: USB, Serial1, Serial2\)/);
});

test("waitFor on a pin without irq (nodemcu-esp8266's D0) names the pin and the board", () => {
  const dev = device('nodemcu-esp8266');
  const d0 = input(dev, 'D0');
  assert.equal(d0.canInterrupt, false);
  assert.equal(d0.read(), 0, 'the pin can still be read');
  for (const edge of ['rising', 'falling', 'both', 'high', 'low'] as const) {
    refuses(() => d0.waitFor(edge), Code.NoInterrupt, /^D0 on board nodemcu-esp8266 cannot interrupt/, /irq/);
  }
  assert.equal(input(dev, 'D1').waitFor('rising').merged, 0, 'a pin with irq gives a wait');
});

test('output on an input-only pin is refused, naming the pin and the board', () => {
  const dev = device('esp32-espruino');
  refuses(() => dev.output('D34'), Code.PinConflict, /esp32-espruino/, /D34 is input-only/);
  assert.equal(input(dev, 'D34').canInterrupt, true, 'the same pin is a fine input');
});

test('a pin used as an input cannot become an output, nor the other way round', () => {
  const dev = device('espruino-pico');
  input(dev, 'A0');
  refuses(() => dev.output('A0'), Code.PinConflict, /espruino-pico/, /A0 is an input already/);
  dev.led('LED1');
  refuses(() => input(dev, 'B2'), Code.PinConflict, /B2 is an output already/);
});
