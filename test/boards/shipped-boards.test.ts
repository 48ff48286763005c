// The boards flagpoll ships load, and carry the facts their platforms document.

import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { boardIds, boardsDir, formatBoards, listBoards, loadBoard, type Board } from "../../src/boards/load.ts";

const SHIPPED = ["esp32-espruino", "espruino-pico", "nodemcu-esp32", "nodemcu-esp8266", "puck-js"];

describe("shipped boards", () => {
  test("every shipped board validates", () => {
    assert.deepEqual(boardIds(), SHIPPED);
    assert.deepEqual(listBoards().map((b) => b.id), SHIPPED);
  });

  test("a board loads the same by id and by path", () => {
    assert.deepEqual(loadBoard(path.join(boardsDir(), "puck-js.json")), loadBoard("puck-js"));
  });

  test("the Espruino boards carry the facts of Espruino's own board files", () => {
    const pico = loadBoard("espruino-pico");
    assert.deepEqual(pick(pico), { env: "PICO_R1_3", mem: 5100, clock: 84e6, ram: 96 * 1024, console: "USB" });
    assert.deepEqual(leds(pico), ["LED1=B2 high", "LED2=B12 high"]);
    assert.deepEqual(pico.buttons.BTN1, { pin: "C13", pressed: "high", pull: "down" });
    assert.equal(`${pico.uarts.Serial1?.rx}/${pico.uarts.Serial1?.tx}`, "B7/B6");

    const puck = loadBoard("puck-js");
    assert.deepEqual(pick(puck), { env: "PUCKJS", mem: 2630, clock: 64e6, ram: 64 * 1024, console: "Bluetooth" });
    assert.deepEqual(leds(puck), ["LED1=D5 high", "LED2=D4 high", "LED3=D3 high"]);
    assert.equal(puck.buttons.BTN1?.pin, "D0");
    assert.equal(`${puck.uarts.Serial1?.rx}/${puck.uarts.Serial1?.tx}`, "D29/D28");

    const esp32 = loadBoard("esp32-espruino");
    assert.deepEqual(pick(esp32), { env: "ESP32", mem: 16383, clock: 240e6, ram: 520 * 1024, console: "Serial1" });
    assert.deepEqual(leds(esp32), ["LED1=D2 high"]);
    assert.equal(esp32.buttons.BTN1?.pin, "D0");
    assert.equal(esp32.uarts.Serial1?.baud, 115200);
  });

  test("the NodeMCU ESP8266 board uses dev kit indices, with D0 unable to interrupt", () => {
    const b = loadBoard("nodemcu-esp8266");
    assert.equal(b.lua, "5.1");
    assert.equal(b.luaHeapBytes, 44 * 1024);
    const gpioOf = ["D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"].map((n) => [b.pins[n]?.pin, b.pins[n]?.gpio]);
    assert.deepEqual(gpioOf, [[0, 16], [1, 5], [2, 4], [3, 0], [4, 2], [5, 14], [6, 12], [7, 13], [8, 15]]);
    assert.deepEqual(b.pins.D0?.caps, ["gpio"]);
    assert.deepEqual(leds(b), ["LED1=D4 low", "LED2=D0 low"]);
    assert.deepEqual(b.buttons.BTN1, { pin: "D3", pressed: "low", pull: "up" });
    assert.deepEqual(Object.keys(b.uarts), ["uart0"]);
    assert.equal(b.uarts.uart0?.baud, 115200);
  });

  test("the NodeMCU ESP32 board runs Lua 5.3 and marks GPIO34-39 input-only", () => {
    const b = loadBoard("nodemcu-esp32");
    assert.equal(b.lua, "5.3");
    const inputOnly = Object.keys(b.pins).filter((n) => b.pins[n]?.inputOnly === true);
    assert.deepEqual(inputOnly, ["GPIO34", "GPIO35", "GPIO36", "GPIO39"]);
    const adc = Object.keys(b.pins).filter((n) => b.pins[n]?.caps.includes("adc"));
    assert.deepEqual(adc, ["GPIO32", "GPIO33", "GPIO34", "GPIO35", "GPIO36", "GPIO39"]);
    assert.deepEqual(leds(b), ["LED1=GPIO2 high"]);
    assert.deepEqual(b.buttons.BTN1, { pin: "GPIO0", pressed: "low", pull: "up" });
    assert.equal(b.console, "uart0");
  });

  test("smaller boards get smaller task tables and timer queues", () => {
    const sizes = Object.fromEntries(listBoards().map((b) => [b.id, [b.tasks, b.timers]]));
    assert.deepEqual(sizes, {
      "esp32-espruino": [32, 32],
      "espruino-pico": [16, 16],
      "nodemcu-esp32": [32, 32],
      "nodemcu-esp8266": [8, 16],
      "puck-js": [8, 16],
    });
  });
});

describe("flagpoll boards table", () => {
  const text = formatBoards(listBoards());
  const lines = text.split("\n");

  test("prints a header, one row per board and a legend", () => {
    assert.match(lines[0] ?? "", /^id +name +target +lua +RAM +tasks +timers +LEDs +buttons +uarts$/);
    assert.deepEqual(lines.slice(1, 6).map((l) => l.split(" ")[0]), SHIPPED);
    assert.match(text, /\n\* the firmware's console\./);
  });

  test("lines columns up under their headers", () => {
    const col = (header: string): number => (lines[0] ?? "").indexOf(header);
    for (const line of lines.slice(1, 6)) {
      assert.match(line.slice(col("target")), /^(espruino|nodemcu) /);
      assert.match(line.slice(col("tasks")), /^\d+ +\d+ +LED1=/);
    }
  });

  test("shows each board's Lua, memory budget, LEDs, buttons and console", () => {
    const row = (id: string): string => lines.find((l) => l.startsWith(`${id} `)) ?? "";
    assert.match(row("espruino-pico"), / - +96 KB, 5100 JsVars +16 +16 +LED1=B2 \(high\), LED2=B12 \(high\) +BTN1=C13 \(high\) +USB\*, Serial1=B7\/B6@9600/);
    assert.match(row("nodemcu-esp8266"), / 5\.1 +80 KB, 44 KB Lua heap +8 +16 +LED1=D4 \(low\), LED2=D0 \(low\) +BTN1=D3 \(low\) +uart0\*=RX\/TX@115200$/);
    assert.match(row("puck-js"), /Bluetooth\*, Serial1=D29\/D28@9600$/);
  });
});

function pick(b: Board): Record<string, unknown> {
  return { env: b.espruinoBoard, mem: b.jsVars, clock: b.clockHz, ram: b.ramBytes, console: b.console };
}

function leds(b: Board): string[] {
  return Object.entries(b.leds).map(([name, led]) => `${name}=${led.pin} ${led.activeLevel}`);
}
