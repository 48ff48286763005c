// The table `flagpoll boards` prints: one row per board, what each has.
//
// Pure string building (no I/O), so the CLI prints it and tests compare it.

import type { Board } from "./board.ts";

const HEADERS = ["id", "name", "target", "lua", "RAM", "tasks", "timers", "LEDs", "buttons", "uarts"] as const;

/** Rows aligned in columns, a header line first and a legend line last. */
export function formatBoards(boards: readonly Board[]): string {
  const rows: string[][] = [[...HEADERS], ...boards.map(row)];
  const widths = HEADERS.map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const lines = rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col])).join("  ").trimEnd());
  lines.push("");
  lines.push("* the firmware's console. LEDs, buttons: name=pin (level that means on / pressed). UARTs: id=rx/tx@baud.");
  return lines.join("\n") + "\n";
}

function row(b: Board): string[] {
  return [
    b.id,
    b.name,
    b.target,
    b.lua ?? "-",
    ram(b),
    String(b.tasks),
    String(b.timers),
    list(Object.entries(b.leds).map(([name, led]) => `${name}=${led.pin} (${led.activeLevel})`)),
    list(Object.entries(b.buttons).map(([name, btn]) => `${name}=${btn.pin} (${btn.pressed})`)),
    list(
      Object.entries(b.uarts).map(([id, u]) => {
        const mark = id === b.console ? "*" : "";
        const virtual = u.via !== undefined && u.via !== "pins";
        const where = !virtual ? `=${u.rx}/${u.tx}@${u.baud}` : id.toLowerCase() === u.via ? "" : ` (${u.via})`;
        return `${id}${mark}${where}`;
      }),
    ),
  ];
}

/** "96 KB, 5100 JsVars" or "80 KB, 44 KB Lua heap": the RAM and the budget that matters. */
function ram(b: Board): string {
  const total = kb(b.ramBytes);
  if (b.jsVars !== undefined) return `${total}, ${b.jsVars} JsVars`;
  if (b.luaHeapBytes !== undefined) return `${total}, ${kb(b.luaHeapBytes)} Lua heap`;
  return total;
}

function kb(bytes: number): string {
  const k = bytes / 1024;
  return `${Number.isInteger(k) ? k : k.toFixed(1)} KB`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "-" : items.join(", ");
}
