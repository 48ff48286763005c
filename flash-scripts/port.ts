// The three kinds of --port EspruinoTools takes, told apart and checked
// before the library is loaded, so that an absent port is named plainly:
//
//   tcp://host:port       a board (or `flagpoll emulate --listen`) on TCP;
//                         "nothing is listening" comes from the connection
//   aa:bb:cc:dd:ee:ff     a Bluetooth LE address (Puck.js and friends)
//   anything else         a serial device path: /dev/ttyACM0, COM3
//
// BLE needs a Bluetooth adapter and the noble bindings; on a machine without
// an adapter flash says so instead of scanning for nothing.

import { existsSync, readdirSync } from 'node:fs';
import { FlashRefused } from './refusal.ts';

export type Port =
  | { kind: 'tcp'; text: string; host: string; port: number }
  | { kind: 'ble'; text: string }
  | { kind: 'serial'; text: string };

const BLE_ADDRESS = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export function parsePort(text: string): Port {
  if (BLE_ADDRESS.test(text)) return { kind: 'ble', text };
  if (text.startsWith('tcp://')) {
    const m = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(text);
    if (m === null) throw new FlashRefused(`--port ${text}: expected tcp://host:port, e.g. tcp://127.0.0.1:2323`);
    const port = m[2] === undefined ? 23 : Number(m[2]);
    if (port < 1 || port > 65535) throw new FlashRefused(`--port ${text}: ${port} is not a TCP port number`);
    return { kind: 'tcp', text: `tcp://${m[1]}:${port}`, host: m[1]!, port };
  }
  return { kind: 'serial', text };
}

/** Refuses ports that cannot be there: a serial path that does not exist, BLE without an adapter. */
export function checkPort(p: Port, bluetoothDir = '/sys/class/bluetooth'): void {
  if (p.kind === 'serial' && !existsSync(p.text)) {
    throw new FlashRefused(`no serial port ${p.text} (no such file): is the board plugged in? (tcp://host:port and Bluetooth addresses work too)`);
  }
  if (p.kind === 'ble' && adapters(bluetoothDir) === 0) {
    throw new FlashRefused(`${p.text} is a Bluetooth LE address, and uploading over BLE needs a machine with a Bluetooth adapter; this one has none (${bluetoothDir} is empty). Flash from a machine with Bluetooth, or over USB serial`);
  }
}

function adapters(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}
