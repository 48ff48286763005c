// The part of EspruinoTools' global `Espruino` object that flagpoll uses,
// typed, and its one-time initialisation.
//
// `require('espruino').init(cb)` loads every file of the package into the
// global scope and sets up globals of its own (Espruino, $, navigator,
// acorn, require). It logs each step with console.log, and keeps logging
// while connected (console.log/warn/error); all of that goes to `verbose`
// or nowhere, from init on, for the life of the process: flagpoll's own
// messages are written to stdout/stderr directly.

import { createRequire } from 'node:module';

/** A transport, as EspruinoTools' core/serial.js describes it. */
export interface Device {
  name: string;
  getPorts(cb: (ports: { path: string; description?: string; type?: string }[], instant: boolean) => void): void;
  open(path: string, opened: (info: unknown) => void, receive: (data: ArrayBuffer) => void, disconnected: () => void): void;
  write(data: string, cb?: () => void): void;
  close(): void;
}

export interface EspruinoGlobal {
  Config: Record<string, unknown>;
  callProcessor(event: string, data: unknown, cb: (result: string) => void): void;
  Core: {
    Serial: {
      devices: Device[];
      open(port: string, connected: (status: unknown) => void, disconnected: () => void): void;
      close(): void;
      write(data: string, showStatus?: boolean, cb?: () => void): void;
      startListening(cb: (data: ArrayBuffer) => void): unknown;
      setSlowWrite(on: boolean, force?: boolean): void;
    };
    Utils: {
      executeExpression(expr: string, cb: (result: string | undefined) => void): void;
      executeStatement(code: string, cb: (result: string | undefined) => void): void;
      addRecognisedDeviceAddress(address: string): void;
    };
    CodeWriter: {
      writeToEspruino(code: string, cb: () => void): void;
      reformatCode(code: string): string | undefined;
    };
    Env: {
      getData(): Record<string, unknown>;
      setFirmwareVersion(v: string): void;
    };
    Notifications: Record<string, (msg: string) => void>;
  };
}

let loaded: Promise<EspruinoGlobal> | null = null;

/** Initialises EspruinoTools once; its console output goes to `verbose` (or is dropped). */
export function loadEspruino(verbose?: (line: string) => void): Promise<EspruinoGlobal> {
  if (loaded !== null) return loaded;
  const sink = (...a: unknown[]) => verbose?.(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? String(x))).join(' '));
  console.log = sink;
  console.info = sink;
  console.warn = sink;
  console.error = sink;
  const tools = createRequire(import.meta.url)('espruino') as { init(cb: () => void): void };
  loaded = new Promise((resolve) => tools.init(() => resolve(espruino())));
  return loaded;
}

/** The initialised global; only after loadEspruino resolved. */
export function espruino(): EspruinoGlobal {
  const E = (globalThis as { Espruino?: EspruinoGlobal }).Espruino;
  if (E === undefined) throw new Error('EspruinoTools is not initialised (loadEspruino first)');
  return E;
}
