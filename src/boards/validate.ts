// Checks a parsed board file completely, by hand, so every message is precise.
//
// It enforces what boards/board.schema.json says (fields, types, enums,
// target-only fields) and what a schema cannot say: LEDs, buttons and UARTs
// name pins that exist, /console names a UART, id equals the file name. The
// first problem found is thrown as a BoardError naming file, line and field.
// FIELDS is compared with the schema by test/boards/schema.test.ts.

import path from "node:path";
import type { Board, Target } from "./board.ts";
import { LEVELS, LUA_VERSIONS, PIN_CAPS, PULLS, TARGETS, UART_VIAS } from "./board.ts";
import { BoardError, didYouMean } from "./board-error.ts";
import { lineOf, pointerSegment, type ParsedJson } from "./json-lines.ts";

type Json = Record<string, unknown>;

/** Field names per object kind: what the schema's `properties` and `required` say. */
export const FIELDS = {
  board: {
    required: ["$schema", "id", "name", "target", "clockHz", "ramBytes", "pins", "leds", "buttons", "uarts", "console", "tasks", "timers"],
    optional: ["lua", "espruinoBoard", "jsVars", "luaHeapBytes", "notes"],
  },
  pin: { required: ["pin", "caps"], optional: ["gpio", "inputOnly"] },
  led: { required: ["pin", "activeLevel"], optional: ["color"] },
  button: { required: ["pin", "pressed"], optional: ["pull"] },
  uart: { required: ["rxBuffer"], optional: ["via", "rx", "tx", "baud"] },
} as const;

/** Fields that belong to one target only: required there, refused elsewhere. */
export const TARGET_ONLY: Readonly<Record<string, { target: Target; what: string }>> = {
  lua: { target: "nodemcu", what: 'which Lua the firmware runs ("5.1" or "5.3")' },
  luaHeapBytes: { target: "nodemcu", what: "how much heap is free for Lua (its memory budget)" },
  espruinoBoard: { target: "espruino", what: "what process.env.BOARD answers" },
  jsVars: { target: "espruino", what: "how many JsVars the firmware has (its memory budget)" },
};

const ESPRUINO_PIN = /^[A-H][0-9]{1,2}$/;
const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

export function validateBoard(parsed: ParsedJson, file: string): Board {
  const c: Checker = new Checker(file, parsed); // typed, so c.fail() narrows
  const b = c.object(parsed.value, "");
  c.fields(b, "", FIELDS.board);

  c.string(b, "$schema", "");
  const id = c.string(b, "id", "", /^[a-z0-9]+(-[a-z0-9]+)*$/, "a kebab-case id like \"espruino-pico\"");
  const expected = path.basename(file).replace(/\.json$/, "");
  if (id !== expected) c.fail("/id", `id "${id}" does not match the file name "${path.basename(file)}": they must be the same`);
  c.string(b, "name", "", /./, "a non-empty name");
  const target = c.oneOf(b, "target", "", TARGETS, "target");
  for (const [key, rule] of Object.entries(TARGET_ONLY)) {
    if (rule.target !== target && key in b) {
      c.fail(`/${key}`, `only ${rule.target} boards take "${key}"; this board's target is "${target}"`);
    }
    if (rule.target === target && !(key in b)) {
      c.fail(`/${key}`, `missing required field "${key}": a ${target} board must say ${rule.what}`);
    }
  }
  if ("lua" in b) c.oneOf(b, "lua", "", LUA_VERSIONS, "Lua version");
  if ("espruinoBoard" in b) c.string(b, "espruinoBoard", "", /^[A-Z0-9_]+$/, 'an Espruino board id like "PICO_R1_3"');
  for (const key of ["clockHz", "ramBytes", "jsVars", "luaHeapBytes"]) if (key in b) c.positiveInt(b, key, "");

  const pins = c.table(b, "pins", IDENT, "pin names start with a letter and hold letters, digits and _");
  if (Object.keys(pins).length === 0) c.fail("/pins", "a board needs at least one pin");
  for (const [name, raw] of Object.entries(pins)) checkPin(c, raw, `/pins/${pointerSegment(name)}`, target);

  const leds = c.table(b, "leds", /^LED[1-9][0-9]*$/, "LED names are LED1, LED2, ...");
  for (const [name, raw] of Object.entries(leds)) {
    const at = `/leds/${pointerSegment(name)}`;
    const led = c.object(raw, at);
    c.fields(led, at, FIELDS.led);
    c.outputPin(c.pinRef(led, at, pins), `${at}/pin`, pins, "drive an LED");
    c.oneOf(led, "activeLevel", at, LEVELS, "level");
    if ("color" in led) c.string(led, "color", at);
  }

  const buttons = c.table(b, "buttons", /^BTN[1-9][0-9]*$/, "button names are BTN1, BTN2, ...");
  for (const [name, raw] of Object.entries(buttons)) {
    const at = `/buttons/${pointerSegment(name)}`;
    const button = c.object(raw, at);
    c.fields(button, at, FIELDS.button);
    const pin = c.pinRef(button, at, pins);
    if (!pinCaps(pins, pin).includes("gpio")) c.fail(`${at}/pin`, `pin "${pin}" has no "gpio" capability, so it cannot read a button`);
    c.oneOf(button, "pressed", at, LEVELS, "level");
    if ("pull" in button) c.oneOf(button, "pull", at, PULLS, "pull");
  }

  const uarts = c.table(b, "uarts", IDENT, "UART ids start with a letter and hold letters, digits and _");
  if (Object.keys(uarts).length === 0) c.fail("/uarts", "a board needs at least one UART (its console)");
  for (const [name, raw] of Object.entries(uarts)) checkUart(c, raw, `/uarts/${pointerSegment(name)}`, pins);

  const consoleId = c.string(b, "console", "");
  if (!has(uarts, consoleId)) {
    const known = Object.keys(uarts);
    c.fail("/console", `uart "${consoleId}" is not in /uarts${didYouMean(consoleId, known)} (known: ${known.join(", ")})`);
  }
  c.positiveInt(b, "tasks", "");
  c.positiveInt(b, "timers", "");
  if ("notes" in b) {
    if (!Array.isArray(b.notes)) c.fail("/notes", `expected an array of strings, got ${describe(b.notes)}`);
    b.notes.forEach((note: unknown, i: number) => {
      if (typeof note !== "string") c.fail(`/notes/${i}`, `expected a string, got ${describe(note)}`);
    });
  }
  return b as unknown as Board;
}

function checkPin(c: Checker, raw: unknown, at: string, target: Target): void {
  const pin = c.object(raw, at);
  c.fields(pin, at, FIELDS.pin);
  const v = pin.pin;
  const isName = typeof v === "string" && ESPRUINO_PIN.test(v);
  const isNumber = typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 63;
  if (target === "espruino" && !isName) c.fail(`${at}/pin`, `expected an Espruino pin name like "B2" or "D28", got ${describe(v)}`);
  if (target === "nodemcu" && !isNumber) c.fail(`${at}/pin`, `expected the number NodeMCU's gpio module takes (an integer 0-63), got ${describe(v)}`);
  if (!isName && !isNumber) c.fail(`${at}/pin`, `expected a pin name like "B2" or a pin number 0-63, got ${describe(v)}`);
  if ("gpio" in pin && !(Number.isInteger(pin.gpio) && (pin.gpio as number) >= 0 && (pin.gpio as number) <= 63)) {
    c.fail(`${at}/gpio`, `expected a GPIO number 0-63, got ${describe(pin.gpio)}`);
  }
  const caps = pin.caps;
  if (!Array.isArray(caps) || caps.length === 0) c.fail(`${at}/caps`, `expected a non-empty array of ${PIN_CAPS.join(", ")}, got ${describe(caps)}`);
  caps.forEach((cap: unknown, i: number) => {
    if (typeof cap !== "string" || !(PIN_CAPS as readonly string[]).includes(cap)) {
      const hint = typeof cap === "string" ? didYouMean(cap, PIN_CAPS) : "";
      c.fail(`${at}/caps/${i}`, `unknown capability ${describe(cap)}${hint} (known: ${PIN_CAPS.join(", ")})`);
    }
    if (caps.indexOf(cap) !== i) c.fail(`${at}/caps/${i}`, `capability "${cap}" is listed twice`);
  });
  if ("inputOnly" in pin && typeof pin.inputOnly !== "boolean") c.fail(`${at}/inputOnly`, `expected true or false, got ${describe(pin.inputOnly)}`);
  if (pin.inputOnly === true && caps.includes("pwm")) c.fail(`${at}/caps`, `an input-only pin cannot have "pwm"`);
}

function checkUart(c: Checker, raw: unknown, at: string, pins: Json): void {
  const uart = c.object(raw, at);
  c.fields(uart, at, FIELDS.uart);
  const via = "via" in uart ? c.oneOf(uart, "via", at, UART_VIAS, "kind of port") : "pins";
  if (via === "pins") {
    for (const key of ["rx", "tx", "baud"]) {
      if (!(key in uart)) c.fail(`${at}/${key}`, `missing required field "${key}": a UART on pins needs rx, tx and baud`);
    }
    c.pinRef(uart, at, pins, "rx");
    c.outputPin(c.pinRef(uart, at, pins, "tx"), `${at}/tx`, pins, "transmit");
    c.positiveInt(uart, "baud", at);
  } else {
    for (const key of ["rx", "tx", "baud"]) {
      if (key in uart) c.fail(`${at}/${key}`, `a ${via} port has no pins and no baud rate: remove "${key}"`);
    }
  }
  c.positiveInt(uart, "rxBuffer", at);
}

/** Own fields only: a pin named "toString" is not in /pins. */
function has(o: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function pinCaps(pins: Json, name: string): readonly unknown[] {
  return (pins[name] as { caps: unknown[] }).caps;
}

/** "string \"16\"", "array", "null", "12.5": what a value is, for messages. */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "undefined") return "nothing";
  return typeof v === "number" ? String(v) : `${typeof v} ${String(v)}`;
}

class Checker {
  constructor(
    readonly file: string,
    readonly parsed: ParsedJson,
  ) {}

  fail(pointer: string, reason: string): never {
    throw new BoardError(this.file, pointer, lineOf(this.parsed, pointer), reason);
  }

  object(v: unknown, at: string): Json {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(at, `expected an object, got ${describe(v)}`);
    return v as Json;
  }

  /** Unknown fields first (a misspelt field is also a missing one), then missing ones. */
  fields(o: Json, at: string, spec: { readonly required: readonly string[]; readonly optional: readonly string[] }): void {
    const known = [...spec.required, ...spec.optional];
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) {
        const hint = didYouMean(key, known);
        this.fail(`${at}/${pointerSegment(key)}`, `unknown field "${key}"${hint || ` (allowed: ${known.join(", ")})`}`);
      }
    }
    for (const key of spec.required) {
      if (!(key in o)) this.fail(`${at}/${pointerSegment(key)}`, `missing required field "${key}"`);
    }
  }

  string(o: Json, key: string, at: string, pattern?: RegExp, what?: string): string {
    const v = o[key];
    if (typeof v !== "string") this.fail(`${at}/${key}`, `expected a string, got ${describe(v)}`);
    if (pattern !== undefined && !pattern.test(v)) this.fail(`${at}/${key}`, `expected ${what ?? pattern.source}, got ${JSON.stringify(v)}`);
    return v;
  }

  positiveInt(o: Json, key: string, at: string): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) this.fail(`${at}/${key}`, `expected a positive integer, got ${describe(v)}`);
    return v;
  }

  oneOf<T extends string>(o: Json, key: string, at: string, allowed: readonly T[], what: string): T {
    const v = o[key];
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      const hint = typeof v === "string" ? didYouMean(v, allowed) : "";
      this.fail(`${at}/${key}`, `unknown ${what} ${describe(v)}${hint} (known: ${allowed.join(", ")})`);
    }
    return v as T;
  }

  /** An object whose keys follow `pattern`, e.g. /pins or /leds. */
  table(o: Json, key: string, pattern: RegExp, rule: string): Json {
    const t = this.object(o[key], `/${key}`);
    for (const name of Object.keys(t)) if (!pattern.test(name)) this.fail(`/${key}/${pointerSegment(name)}`, `${rule}, got "${name}"`);
    return t;
  }

  /** o[key] must name a pin of /pins; returns the name. */
  pinRef(o: Json, at: string, pins: Json, key = "pin"): string {
    const name = this.string(o, key, at);
    if (!has(pins, name)) {
      const known = Object.keys(pins);
      this.fail(`${at}/${key}`, `pin "${name}" is not in /pins${didYouMean(name, known)} (known: ${known.join(", ")})`);
    }
    return name;
  }

  outputPin(name: string, at: string, pins: Json, use: string): void {
    if ((pins[name] as Json).inputOnly === true) this.fail(at, `pin "${name}" is input-only and cannot ${use}`);
  }
}
