// The Espruino API flagpoll's Espruino platform uses, and nothing more.
//
// Reached through the global object rather than declared as ambient globals,
// so these types do not clash with Node's in the rest of the repository; an
// API Espruino lacks is not listed here, so using one fails to compile.

/** A pin object: B2, C13, D5 ... */
export interface EspruinoPin {
  read(): boolean;
  write(value: boolean | number): void;
}

export interface WatchEvent {
  state: boolean;
  /** Seconds, stamped when the pin changed. */
  time: number;
  lastTime?: number;
}

export interface EspruinoSerial {
  setup(baud: number, options?: { rx?: EspruinoPin; tx?: EspruinoPin }): void;
  on(event: 'data', handler: (data: string) => void): void;
  /** A number writes one byte; a string writes its characters. */
  write(data: number | string): void;
  /** Moves the console (the REPL) to this device; `force` keeps it there when USB comes and goes. */
  setConsole(force?: boolean): void;
}

export interface EspruinoGlobals {
  getTime(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  setWatch(fn: (e: WatchEvent) => void, pin: EspruinoPin, options: { repeat: boolean; edge: 'rising' | 'falling' | 'both'; debounce?: number }): number;
  pinMode(pin: EspruinoPin, mode: 'input' | 'input_pullup' | 'input_pulldown' | 'output'): void;
  digitalWrite(pin: EspruinoPin, value: number | boolean): void;
  digitalRead(pin: EspruinoPin): number;
  E: { setFlags(flags: { pretokenise?: number | boolean }): void };
  console: { log(text: string): void };
  process: { env: { BOARD?: string }; memory(): { usage: number; free: number; total: number } };
  /** Pins and serial ports by name (B2, Serial1, USB ...), and what flagpoll stores. */
  [name: string]: unknown;
}

declare const global: unknown;

/** The global object: `globalThis` where it exists, else Espruino's `global`. */
export function espruinoGlobal(): EspruinoGlobals {
  return (typeof globalThis !== 'undefined' ? globalThis : global) as EspruinoGlobals;
}
