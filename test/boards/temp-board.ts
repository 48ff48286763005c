// Writes boards for tests into a temporary folder: broken boards live only
// there, never in boards/. Start from a shipped board, break one thing.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { boardsDir } from "../../src/boards/load.ts";

export type Json = Record<string, any>;

let dir: string | undefined;

function tempDir(): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "flagpoll-boards-"));
  return dir;
}

/** A fresh, mutable copy of a shipped board's JSON. */
export function shipped(id = "espruino-pico"): Json {
  return JSON.parse(fs.readFileSync(path.join(boardsDir(), `${id}.json`), "utf8")) as Json;
}

/** Writes `board` as <fileId>.json (default: its own id), pretty-printed like the shipped ones. */
export function writeBoard(board: Json, fileId: string = String(board.id)): string {
  return writeText(`${fileId}.json`, JSON.stringify(board, null, 2) + "\n");
}

export function writeText(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

/** 1-based line of the first line of `file` that contains `needle`. */
export function lineWith(file: string, needle: string): number {
  const i = fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" is not in ${file}`);
  return i + 1;
}

export function removeTempBoards(): void {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
