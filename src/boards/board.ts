// The shape of a board file, as TypeScript types.
//
// boards/board.schema.json says the same for editors; src/boards/validate.ts
// checks it when a board is loaded (test/boards/schema.test.ts keeps the three
// in step). Everything is readonly: a board is data, read once at start-up.

export const TARGETS = ["espruino", "nodemcu", "host"] as const;
export type Target = (typeof TARGETS)[number];

export const LUA_VERSIONS = ["5.1", "5.3"] as const;
export type LuaVersion = (typeof LUA_VERSIONS)[number];

export const PIN_CAPS = ["gpio", "irq", "adc", "pwm"] as const;
/** gpio: digital read/write; irq: edge interrupt; adc: analog read; pwm: hardware PWM. */
export type PinCap = (typeof PIN_CAPS)[number];

export const LEVELS = ["high", "low"] as const;
export type Level = (typeof LEVELS)[number];

export const PULLS = ["up", "down", "none"] as const;
export type Pull = (typeof PULLS)[number];

export const UART_VIAS = ["pins", "usb", "bluetooth"] as const;
/** pins: a real UART on rx/tx pins; usb, bluetooth: a virtual port without pins or baud. */
export type UartVia = (typeof UART_VIAS)[number];

export interface BoardPin {
  /** What the platform takes: "B2" on Espruino, the gpio module's number on NodeMCU. */
  readonly pin: string | number;
  /** The chip's own GPIO number, when it differs from `pin`. */
  readonly gpio?: number;
  readonly caps: readonly PinCap[];
  /** Cannot drive an output (ESP32 GPIO34-39). */
  readonly inputOnly?: boolean;
}

export interface BoardLed {
  /** A key of `Board.pins`. */
  readonly pin: string;
  readonly activeLevel: Level;
  readonly color?: string;
}

export interface BoardButton {
  /** A key of `Board.pins`. */
  readonly pin: string;
  /** The level read while the button is held. */
  readonly pressed: Level;
  readonly pull?: Pull;
}

export interface BoardUart {
  /** Absent means "pins". */
  readonly via?: UartVia;
  readonly rx?: string;
  readonly tx?: string;
  readonly baud?: number;
  /** Bytes in flagpoll's fixed receive ring for this port. */
  readonly rxBuffer: number;
}

export interface Board {
  readonly $schema?: string;
  readonly id: string;
  readonly name: string;
  readonly target: Target;
  /** NodeMCU boards only. */
  readonly lua?: LuaVersion;
  /** Espruino boards only: what `process.env.BOARD` answers. */
  readonly espruinoBoard?: string;
  readonly clockHz: number;
  readonly ramBytes: number;
  /** Espruino boards only. */
  readonly jsVars?: number;
  /** NodeMCU boards only. */
  readonly luaHeapBytes?: number;
  readonly pins: Readonly<Record<string, BoardPin>>;
  readonly leds: Readonly<Record<string, BoardLed>>;
  readonly buttons: Readonly<Record<string, BoardButton>>;
  readonly uarts: Readonly<Record<string, BoardUart>>;
  /** A key of `Board.uarts`. */
  readonly console: string;
  /** Size of the executor's task table. */
  readonly tasks: number;
  /** Size of the timer queue. */
  readonly timers: number;
  readonly notes?: readonly string[];
}
