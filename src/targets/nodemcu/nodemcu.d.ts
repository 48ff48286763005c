// The NodeMCU modules flagpoll's NodeMCU platform calls, and nothing more.
//
// Read from NodeMCU's own docs and C sources (nodemcu-firmware: docs/modules/*.md
// and app/modules/*.c on `release`/`master` for the ESP8266, components/modules/
// *.c on `dev-esp32`). An API that is not listed here does not compile, so a
// call the firmware lacks is caught at build time. Declared as types reached
// through the Lua global table (`_G`), not as ambient globals, so that the rest
// of the repository (host code) cannot call `gpio` by accident.
//
// Every call, with the exact callback arguments (the emulator models these):
//
// ESP8266 (Lua 5.1, pins are NodeMCU I/O indexes 0-12; pin 0 has no interrupt)
//   gpio.mode(pin, gpio.OUTPUT | gpio.INPUT | gpio.INT [, gpio.PULLUP | gpio.FLOAT])
//   gpio.write(pin, gpio.HIGH | gpio.LOW)           gpio.read(pin) -> 0 | 1
//   gpio.trig(pin, "up"|"down"|"both"|"low"|"high"|"none", cb)
//     cb(level, when, eventcount): level 0|1 read in the interrupt; when = the
//     interrupt's µs stamp, same clock as tmr.now() (31 bits); eventcount =
//     interrupts merged into this call (masked to 15 bits, at least 1). Runs
//     later, in task context, never inside the interrupt.
//   uart.setup(id, baud, databits, parity, stopbits [, echo]) -> baud
//   uart.on("data", 0, cb, 0)  cb(data: string) with every byte received so
//     far on UART 0 (the only one that receives); run_input 0 keeps the bytes
//     away from the Lua interpreter.   uart.on("data") unregisters.
//   uart.write(id, byte | string, ...)
//   tmr.now() -> µs since boot, masked to 31 bits (wraps every ~35.8 min)
//   node.uptime: absent
// ESP32 (Lua 5.3, pins are GPIO numbers)
//   gpio.config({ gpio = pin, dir = gpio.IN | gpio.OUT | gpio.IN_OUT,
//                 pull = gpio.FLOATING | gpio.PULL_UP | gpio.PULL_DOWN })
//   gpio.write(pin, 0 | 1)     gpio.read(pin) -> 0 | 1     (no gpio.HIGH/LOW)
//   gpio.trig(pin, gpio.INTR_UP | INTR_DOWN | INTR_UP_DOWN | INTR_LOW | INTR_HIGH
//             | INTR_NONE, cb)
//     cb(pin, level): no timestamp, no count. The ISR disables the pin's
//     interrupt and posts a task; the interrupt is re-enabled after cb returns,
//     so edges between are merged silently.
//   uart.setup(id, baud, databits, parity, stopbits, echo (console) | pins table)
//   uart.start(id) -> boolean   (every UART but the console, after setup)
//   uart.on(id, "data", 0, cb, 0)  cb(data: string)   (id first; optional, and
//     then the console's). With the console module (below), not for the console.
//   uart.on(id, "data") unregisters (and the console's input goes to Lua again)
//   uart.write(id, byte | string, ...)
//   console (current dev-esp32 only; absent on dev-esp32-idf3-final):
//     console.on("data", 0, cb) cb(data: string); console.on("data", 0, nil) unregisters
//     console.mode(console.INTERACTIVE | console.NONINTERACTIVE): whether the
//       console's input also goes to Lua (INTERACTIVE, the default)
//     console.write(byte | string, ...)   raw bytes on the console
//   tmr.now: absent
//   node.uptime() -> lowbits, highbits: µs since boot. With float Lua (the
//     default) lowbits is the whole count (53 bits) and highbits 0; with
//     integer-only Lua lowbits wraps at 2^31 and highbits counts the wraps.
// Both
//   tmr.create() -> t; t:alarm(ms, tmr.ALARM_SINGLE, cb) -> boolean,
//     t:register(ms, mode, cb), t:start() -> boolean, t:stop() -> boolean,
//     t:unregister(); cb(t) receives the timer. A single alarm unregisters
//     itself when it fires; stop() before it fires keeps it registered.
//   node.task.post([prio,] fn): fn() runs later on the Lua task, highest
//     priority first (LOW_PRIORITY 0, MEDIUM_PRIORITY 1, the default, HIGH 2);
//     raises an error when the task queue is full.
//   node.heap() -> free bytes    node.restart()    print(...)
//   bit.band/bor/bxor/bnot/lshift/rshift/arshift (ESP8266 only; TSTL emits them
//     for `& | ^ ~ << >>> >>` on Lua 5.1). They answer signed 32-bit numbers.
//
// Methods of the timer object are called with `:` (they take `self`); module
// functions are plain calls (`@noSelf` on each module's interface: TSTL reads
// only that on interface methods), and callbacks handed to C are `this: void`.

/** @noSelfInFile */
export type Level = 0 | 1;

// ---- both chips ----

/** @noSelf gpio.write and gpio.read, the same on both chips. */
export interface GpioLevels {
  write(pin: number, level: number): void;
  read(pin: number): Level;
}

// ---- ESP8266 (app/modules/*.c on master) ----

export type Esp8266Trigger = 'up' | 'down' | 'both' | 'low' | 'high' | 'none';

/** @noSelf */
export interface Esp8266Gpio extends GpioLevels {
  readonly OUTPUT: number;
  readonly INPUT: number;
  readonly INT: number;
  readonly PULLUP: number;
  readonly FLOAT: number;
  readonly HIGH: 1;
  readonly LOW: 0;
  mode(pin: number, mode: number, pull?: number): void;
  trig(pin: number, type: Esp8266Trigger, cb?: (this: void, level: Level, when: number, eventcount: number) => void): void;
}

/** @noSelf */
export interface Esp8266Uart {
  readonly PARITY_NONE: number;
  readonly STOPBITS_1: number;
  setup(id: number, baud: number, databits: number, parity: number, stopbits: number, echo?: number): number;
  /** `n` 0: every byte received so far; run_input 0: not to the interpreter. */
  on(event: 'data', n: number | string, cb: (this: void, data: string) => void, runInput: 0 | 1): void;
  on(event: 'data'): void;
  write(id: number, ...data: (number | string)[]): void;
}

/** @noSelf */
export interface Esp8266Tmr extends Tmr {
  /** Microseconds since boot, masked to 31 bits: wraps to 0 every 2^31 µs (~35.8 minutes). */
  now(): number;
}

/** @noSelf */
export interface Esp8266 {
  gpio: Esp8266Gpio;
  uart: Esp8266Uart;
  tmr: Esp8266Tmr;
  node: NodeModule;
  bit: BitModule;
  print(this: void, ...args: unknown[]): void;
}

// ---- ESP32 (components/modules/*.c on dev-esp32) ----

export interface Esp32GpioConfig {
  gpio: number;
  dir: number;
  pull?: number;
}

/** @noSelf */
export interface Esp32Gpio extends GpioLevels {
  readonly IN: number;
  readonly OUT: number;
  readonly IN_OUT: number;
  readonly FLOATING: number;
  readonly PULL_UP: number;
  readonly PULL_DOWN: number;
  readonly INTR_NONE: number;
  readonly INTR_UP: number;
  readonly INTR_DOWN: number;
  readonly INTR_UP_DOWN: number;
  readonly INTR_LOW: number;
  readonly INTR_HIGH: number;
  config(cfg: Esp32GpioConfig): void;
  trig(pin: number, type: number, cb?: (this: void, pin: number, level: Level) => void): void;
}

/** @noSelf */
export interface Esp32Uart {
  readonly PARITY_NONE: number;
  readonly STOPBITS_1: number;
  setup(id: number, baud: number, databits: number, parity: number, stopbits: number, echoOrPins: number | { tx: number; rx: number }): number;
  start(id: number): boolean;
  on(id: number, event: 'data', n: number | string, cb: (this: void, data: string) => void, runInput: 0 | 1): void;
  on(id: number, event: 'data'): void;
  write(id: number, ...data: (number | string)[]): void;
}

/**
 * The console module of the current dev-esp32 (components/modules/console.c,
 * since 2024-10): the console's input and output, whatever device it is on.
 * @noSelf
 */
export interface Esp32Console {
  readonly INTERACTIVE: number;
  readonly NONINTERACTIVE: number;
  /** `n` 0: every byte received so far; `cb` undefined (nil): unregister. */
  on(event: 'data', n: number | string, cb: ((this: void, data: string) => void) | undefined): void;
  mode(mode: number): void;
  write(...data: (number | string)[]): void;
}

/** @noSelf */
export interface Esp32Node extends NodeModule {
  /**
   * Microseconds since boot: the first of the two results (`lowbits`), the one
   * a single-value use keeps. Whole with float Lua; wraps at 2^31 with integer Lua.
   */
  uptime(): number;
}

/** @noSelf */
export interface Esp32 {
  gpio: Esp32Gpio;
  uart: Esp32Uart;
  /** Absent on firmware before the console module (dev-esp32-idf3-final). */
  console?: Esp32Console;
  tmr: Tmr;
  node: Esp32Node;
  print(this: void, ...args: unknown[]): void;
}

// ---- Both ----

export interface Timer {
  alarm(this: Timer, ms: number, mode: number, cb: (this: void, t: Timer) => void): boolean;
  register(this: Timer, ms: number, mode: number, cb: (this: void, t: Timer) => void): void;
  start(this: Timer): boolean;
  stop(this: Timer): boolean;
  unregister(this: Timer): void;
}

/** @noSelf */
export interface Tmr {
  readonly ALARM_SINGLE: number;
  create(): Timer;
}

/** @noSelf */
export interface NodeTask {
  readonly LOW_PRIORITY: 0;
  readonly MEDIUM_PRIORITY: 1;
  readonly HIGH_PRIORITY: 2;
  post(priority: 0 | 1 | 2, fn: (this: void) => void): void;
  post(fn: (this: void) => void): void;
}

/** @noSelf */
export interface NodeModule {
  task: NodeTask;
  heap(): number;
  restart(): void;
}

/**
 * NodeMCU's `bit` (ESP8266, and lua-bitop on a PC): signed 32-bit results.
 * @noSelf
 */
export interface BitModule {
  band(a: number, b: number): number;
  bor(a: number, b: number): number;
  bxor(a: number, b: number): number;
  bnot(a: number): number;
  lshift(a: number, n: number): number;
  rshift(a: number, n: number): number;
  arshift(a: number, n: number): number;
}
