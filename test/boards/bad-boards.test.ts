// A bad board file is refused with file, line, field and a fix in the message.

import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { BoardError, loadBoard } from "../../src/boards/load.ts";
import { lineWith, removeTempBoards, shipped, writeBoard, writeText, type Json } from "./temp-board.ts";

after(removeTempBoards);

function errorOf(file: string): BoardError {
  try {
    loadBoard(file);
  } catch (err) {
    if (err instanceof BoardError) return err;
    throw err;
  }
  return assert.fail(`${file} was accepted`);
}

/** Loads a broken copy of a shipped board and returns the error. */
function refuse(change: (b: Json) => void, from = "espruino-pico"): { err: BoardError; file: string } {
  const board = shipped(from);
  change(board);
  const file = writeBoard(board);
  return { err: errorOf(file), file };
}

describe("board files that break a rule", () => {
  test("a board with a missing field names the file, line and field", () => {
    const { err, file } = refuse((b) => delete b.uarts.Serial1.baud);
    const line = lineWith(file, '"Serial1"');
    assert.equal(err.file, file);
    assert.equal(err.field, "/uarts/Serial1/baud");
    assert.equal(err.line, line);
    assert.equal(err.message, `${file}:${line}: /uarts/Serial1/baud: missing required field "baud": a UART on pins needs rx, tx and baud`);
  });

  test("a missing top-level field is reported at the top of the file", () => {
    const { err, file } = refuse((b) => delete b.timers);
    assert.equal(err.message, `${file}:1: /timers: missing required field "timers"`);
  });

  test("an LED on an unknown pin names the pin and lists the known ones", () => {
    const { err, file } = refuse((b) => (b.leds.LED1.pin = "B99"));
    assert.equal(err.field, "/leds/LED1/pin");
    assert.equal(err.line, lineWith(file, '"B99"'));
    assert.match(err.message, /\/leds\/LED1\/pin: pin "B99" is not in \/pins \(known: A0, A1, A2, .*, B2, .*, C13\)$/);
  });

  test("a UART on an unknown pin is refused at that pin, with a suggestion when one is close", () => {
    const { err, file } = refuse((b) => (b.uarts.Serial1.rx = "b7"));
    assert.equal(err.line, lineWith(file, '"b7"'));
    assert.match(err.message, /\/uarts\/Serial1\/rx: pin "b7" is not in \/pins, did you mean "B7"\? \(known: A0, /);
  });

  test("a pin named after an Object method is still unknown", () => {
    assert.match(refuse((b) => (b.leds.LED1.pin = "toString")).err.reason, /^pin "toString" is not in \/pins/);
    assert.match(refuse((b) => (b.console = "constructor")).err.reason, /^uart "constructor" is not in \/uarts/);
  });

  test("a button on an unknown pin is refused", () => {
    const { err } = refuse((b) => (b.buttons.BTN1.pin = "C14"));
    assert.equal(err.field, "/buttons/BTN1/pin");
    assert.match(err.reason, /^pin "C14" is not in \/pins/);
  });

  test("lua on an espruino board is refused", () => {
    const { err, file } = refuse((b) => (b.lua = "5.1"));
    assert.equal(err.field, "/lua");
    assert.equal(err.line, lineWith(file, '"lua"'));
    assert.equal(err.reason, 'only nodemcu boards take "lua"; this board\'s target is "espruino"');
  });

  test("a nodemcu board without lua is refused", () => {
    const { err } = refuse((b) => delete b.lua, "nodemcu-esp8266");
    assert.equal(err.field, "/lua");
    assert.match(err.reason, /^missing required field "lua": a nodemcu board must say which Lua the firmware runs \("5.1" or "5.3"\)$/);
  });

  test("an Espruino-only field on a NodeMCU board is refused", () => {
    const { err } = refuse((b) => (b.jsVars = 1700), "nodemcu-esp32");
    assert.equal(err.reason, 'only espruino boards take "jsVars"; this board\'s target is "nodemcu"');
  });

  test("an unsupported Lua version lists the supported ones", () => {
    const { err } = refuse((b) => (b.lua = "5.4"), "nodemcu-esp32");
    assert.equal(err.reason, 'unknown Lua version string "5.4" (known: 5.1, 5.3)');
  });

  test("a misspelt field suggests the right one", () => {
    const { err, file } = refuse((b) => {
      b.clockHZ = b.clockHz;
      delete b.clockHz;
    });
    assert.equal(err.line, lineWith(file, '"clockHZ"'));
    assert.equal(err.message, `${file}:${err.line}: /clockHZ: unknown field "clockHZ", did you mean "clockHz"?`);
  });

  test("a misspelt nested field suggests the right one", () => {
    const { err } = refuse((b) => (b.leds.LED2 = { pin: "B12", activeLevle: "high" }));
    assert.equal(err.field, "/leds/LED2/activeLevle");
    assert.equal(err.reason, 'unknown field "activeLevle", did you mean "activeLevel"?');
  });

  test("an unknown field with no close match lists the allowed fields", () => {
    const { err } = refuse((b) => (b.buttons.BTN1.debounceMs = 20));
    assert.equal(err.reason, 'unknown field "debounceMs" (allowed: pin, pressed, pull)');
  });

  test("an unknown target lists the known ones", () => {
    const { err, file } = refuse((b) => (b.target = "arduino"));
    assert.equal(err.line, lineWith(file, '"target"'));
    assert.equal(err.reason, 'unknown target string "arduino" (known: espruino, nodemcu, host)');
  });

  test("a wrong type says what was expected and what was found", () => {
    assert.equal(refuse((b) => (b.tasks = "16")).err.reason, 'expected a positive integer, got string "16"');
    assert.equal(refuse((b) => (b.pins = [])).err.reason, "expected an object, got an array");
    assert.equal(refuse((b) => (b.name = 7)).err.reason, "expected a string, got 7");
  });

  for (const [field, set] of [
    ["/tasks", (b: Json, v: unknown) => (b.tasks = v)],
    ["/timers", (b: Json, v: unknown) => (b.timers = v)],
    ["/uarts/Serial1/rxBuffer", (b: Json, v: unknown) => (b.uarts.Serial1.rxBuffer = v)],
  ] as const) {
    test(`${field} must be a positive integer`, () => {
      for (const bad of [0, -4, 2.5]) {
        const { err } = refuse((b) => set(b, bad));
        assert.equal(err.field, field);
        assert.equal(err.reason, `expected a positive integer, got ${bad}`);
      }
    });
  }

  test("a console naming a missing uart is refused", () => {
    const { err, file } = refuse((b) => (b.console = "serial1"));
    assert.equal(err.line, lineWith(file, '"console"'));
    assert.equal(err.reason, 'uart "serial1" is not in /uarts, did you mean "Serial1"? (known: USB, Serial1, Serial2)');
  });

  test("an id that does not match the file name is refused", () => {
    const board = shipped();
    const file = writeBoard(board, "my-pico");
    const err = errorOf(file);
    assert.equal(err.field, "/id");
    assert.equal(err.reason, 'id "espruino-pico" does not match the file name "my-pico.json": they must be the same');
  });

  test("an input-only pin cannot drive an LED or transmit", () => {
    const led = refuse((b) => (b.leds.LED1.pin = "D34"), "esp32-espruino").err;
    assert.equal(led.reason, 'pin "D34" is input-only and cannot drive an LED');
    const tx = refuse((b) => (b.uarts.Serial2.tx = "D35"), "esp32-espruino").err;
    assert.equal(tx.field, "/uarts/Serial2/tx");
    assert.equal(tx.reason, 'pin "D35" is input-only and cannot transmit');
  });

  test("a USB or Bluetooth port with pins is refused", () => {
    const { err } = refuse((b) => (b.uarts.USB.rx = "B7"));
    assert.equal(err.reason, 'a usb port has no pins and no baud rate: remove "rx"');
  });

  test("pin numbers and pin names follow the board's target", () => {
    assert.match(refuse((b) => (b.pins.B2.pin = 2)).err.reason, /^expected an Espruino pin name like "B2" or "D28", got 2$/);
    const lua = refuse((b) => (b.pins.D1.pin = "D1"), "nodemcu-esp8266").err;
    assert.equal(lua.field, "/pins/D1/pin");
    assert.equal(lua.reason, 'expected the number NodeMCU\'s gpio module takes (an integer 0-63), got string "D1"');
  });

  test("an unknown pin capability suggests the right one", () => {
    const { err } = refuse((b) => (b.pins.A0.caps = ["gpio", "ADC"]));
    assert.equal(err.field, "/pins/A0/caps/1");
    assert.equal(err.reason, 'unknown capability string "ADC", did you mean "adc"? (known: gpio, irq, adc, pwm)');
  });

  test("an LED name that is not LEDn is refused", () => {
    const { err } = refuse((b) => (b.leds.red = { pin: "B2", activeLevel: "high" }));
    assert.equal(err.reason, 'LED names are LED1, LED2, ..., got "red"');
  });
});

describe("board files that are not JSON", () => {
  test("invalid JSON names the line", () => {
    const file = writeText("broken-comma.json", '{\n  "id": "broken-comma",\n  "name": "x"\n  "target": "host"\n}\n');
    const err = errorOf(file);
    assert.equal(err.line, 4);
    assert.equal(err.field, "");
    assert.equal(err.message, `${file}:4: invalid JSON: expected ',' or '}' after the value of "name", found '"' (column 3)`);
  });

  test("a trailing comma is named as such", () => {
    const file = writeText("trailing.json", '{\n  "id": "trailing",\n  "tasks": 8,\n}\n');
    assert.equal(errorOf(file).reason, "invalid JSON: trailing comma before '}' (column 1)");
    assert.equal(errorOf(file).line, 4);
  });

  test("a duplicate field is refused at its second occurrence", () => {
    const file = writeText("dup.json", '{\n  "tasks": 8,\n  "tasks": 16\n}\n');
    assert.equal(errorOf(file).line, 3);
    assert.match(errorOf(file).reason, /duplicate field "tasks"/);
  });

  test("a file that is not an object is refused", () => {
    const err = errorOf(writeText("list.json", "[1, 2]\n"));
    assert.equal(err.line, 1);
    assert.equal(err.reason, "expected an object, got an array");
  });

  test("a missing file names the path", () => {
    const err = errorOf("/nonexistent/boards/ghost.json");
    assert.equal(err.message, "/nonexistent/boards/ghost.json: cannot read the board file: no such file");
  });

  test("an unknown board id suggests a shipped one", () => {
    assert.throws(() => loadBoard("pico"), (err: unknown) => {
      assert.ok(err instanceof BoardError);
      assert.match(err.message, /unknown board "pico", did you mean "espruino-pico"\? \(known: esp32-espruino, espruino-pico, /);
      return true;
    });
  });
});
