// Reads board files from boards/ and hands out checked Board values.
//
// This is the one door to board data for the build, the emulator, the CLI
// and the tests: nothing else parses boards/*.json. A board that fails any
// check throws a BoardError naming file, line and field (see validate.ts), so
// a typo in a board file stops `flagpoll build` before anything is compiled.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Board } from "./board.ts";
import { BoardError, didYouMean } from "./board-error.ts";
import { JsonSyntaxError, parseJson } from "./json-lines.ts";
import { validateBoard } from "./validate.ts";

export type { Board, BoardButton, BoardLed, BoardPin, BoardUart, Level, LuaVersion, PinCap, Pull, Target, UartVia } from "./board.ts";
export { BoardError } from "./board-error.ts";
export { formatBoards } from "./format.ts";

const SCHEMA_FILE = "board.schema.json";

/** The repository's boards/ folder, found from this module's own location. */
export function boardsDir(): string {
  return fileURLToPath(new URL("../../boards/", import.meta.url));
}

/** Ids of the shipped boards (file names in boards/ without .json), sorted. */
export function boardIds(): string[] {
  return fs
    .readdirSync(boardsDir())
    .filter((f) => f.endsWith(".json") && f !== SCHEMA_FILE)
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/**
 * Loads and checks one board: an id ("espruino-pico" reads
 * boards/espruino-pico.json) or a path to a board file (anything with a
 * slash or ending in .json, relative to the working directory).
 * Throws BoardError on an unknown id, an unreadable file or any invalid field.
 */
export function loadBoard(idOrPath: string): Board {
  const isPath = idOrPath.includes("/") || idOrPath.includes("\\") || idOrPath.endsWith(".json");
  const file = isPath ? path.resolve(idOrPath) : path.join(boardsDir(), `${idOrPath}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!isPath && code === "ENOENT") {
      const ids = boardIds();
      throw new BoardError(file, "", 0, `unknown board "${idOrPath}"${didYouMean(idOrPath, ids)} (known: ${ids.join(", ")})`);
    }
    throw new BoardError(file, "", 0, `cannot read the board file: ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new BoardError(file, "", err.line, `invalid JSON: ${err.reason} (column ${err.column})`);
    throw err;
  }
  return validateBoard(parsed, file);
}

/** Every shipped board, checked, in id order. Throws on the first bad one. */
export function listBoards(): Board[] {
  return boardIds().map((id) => loadBoard(id));
}
