// Compiled Lua for the tests, kept on disk across test files and runs.
//
// typescript-to-lua takes seconds a program; the Lua and NodeMCU tests
// compile the same programs and examples in several test files, and again on
// every `npm test`. A result is stored under node_modules/.cache/flagpoll-test/
// (ignored with node_modules) by a key that hashes everything that decides
// it: every .ts and .lua file under src/, the entry and every file it
// reaches by a relative import, the TypeScript and typescript-to-lua
// versions, and what the caller puts in (board, Lua version, options). A
// change to any of them is a new key, so a stale entry is never read; a miss
// builds. Files are written to a temporary name and renamed, so test
// processes running side by side never read half a file. A hit renews an
// entry's time; past KEEP entries the least recently used go.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/flagpoll-test');
/** Entries kept: a few runs' worth of every build the tests make (some 50 today). */
export const KEEP = 300;

/** Versions of the compilers, read from their package.json. */
function toolVersions(root: string): string {
  return ['typescript', 'typescript-to-lua'].map((p) => {
    const file = path.join(root, 'node_modules', p, 'package.json');
    return `${p}@${existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'none'}`;
  }).join(' ');
}

/** Every .ts and .lua file under `dir`, sorted. */
function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => /\.(ts|lua)$/.test(f) && statSync(f).isFile())
    .sort();
}

const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

/** `entry` and every file it reaches through relative or absolute imports, sorted. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file) || !statSync(file).isFile()) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1]!;
      if (spec.startsWith('.') || path.isAbsolute(spec)) visit(path.resolve(path.dirname(file), spec));
    }
  };
  visit(path.resolve(entry));
  return [...seen].sort();
}

/** The key of what compiling `entry` with `settings` makes, in the repository at `root`. */
export function buildKey(entry: string, settings: unknown, root = ROOT): string {
  const hash = createHash('sha256');
  hash.update(toolVersions(root)).update('\0').update(JSON.stringify(settings)).update('\0');
  for (const file of new Set([...sources(path.join(root, 'src')), ...reachable(entry)])) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The stored value for `key`, or undefined when there is none (or it cannot be read). */
export function readCached<T>(key: string, dir = CACHE_DIR): T | undefined {
  const file = path.join(dir, `${key}.json`);
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    const now = new Date();
    utimesSync(file, now, now);
    return value;
  } catch {
    return undefined;
  }
}

/** Stores `value` for `key` and answers it: written beside under a temporary name, then renamed over. */
export function writeCached<T>(key: string, value: T, dir = CACHE_DIR, keep = KEEP): T {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}.json`);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  prune(dir, keep);
  return value;
}

/** Removes the least recently used files of `dir` past the `keep` newest. */
function prune(dir: string, keep: number): void {
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  if (files.length <= keep) return;
  const time = (f: string) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  for (const f of files.sort((a, b) => time(b) - time(a)).slice(keep)) rmSync(f, { force: true });
}

/** The value stored for `key`, or what `make` answers, stored for the next time. */
export function cached<T>(key: string, make: () => T, dir = CACHE_DIR): T {
  return readCached<T>(key, dir) ?? writeCached(key, make(), dir);
}

/** `cached` for a `make` that answers a promise. */
export async function cachedAsync<T>(key: string, make: () => Promise<T>, dir = CACHE_DIR): Promise<T> {
  return readCached<T>(key, dir) ?? writeCached(key, await make(), dir);
}
