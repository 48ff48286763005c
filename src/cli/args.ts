// Command-line values: durations, boards, and errors that name the option at fault.

import type { Board } from '../boards/board.ts';
import { BoardError, loadBoard } from '../boards/load.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** "250ms", "10s", "1.5s" or a bare number of ms, for option `name`. */
export function parseDuration(name: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(text.trim());
  if (m === null) throw new UsageError(`${name}: expected a duration such as 500ms or 10s, got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : n;
}

/** A whole number above 0 for option `name`, or undefined when the option is absent. */
export function parseCount(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name}: expected a whole number above 0, got "${text}"`);
  return n;
}

/** Load a board for a command: a bad id or board file is the user's error, with the loader's own message. */
export function loadBoardForCli(id: string): Board {
  try {
    return loadBoard(id);
  } catch (e) {
    if (e instanceof BoardError) throw new UsageError(e.message);
    throw e;
  }
}
