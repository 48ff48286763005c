// The one error a bad board file produces, and the did-you-mean helper.
//
// A board file is written by hand, so its errors are read by people: each
// names the file, the line, the field (as a JSON pointer) and what would fix
// it, in the form editors and terminals turn into links:
//   boards/foo.json:12: /uarts/console/rx: pin "B99" is not in /pins (known: B2, B3)

import path from "node:path";

export class BoardError extends Error {
  constructor(
    /** The board file (absolute path). */
    readonly file: string,
    /** JSON pointer of the field at fault ("" for the whole file). */
    readonly field: string,
    /** 1-based line of that field in the file; 0 when the file could not be read. */
    readonly line: number,
    /** What is wrong, without the location. */
    readonly reason: string,
  ) {
    super(formatLocation(file, line, field) + reason);
    this.name = "BoardError";
  }
}

function formatLocation(file: string, line: number, field: string): string {
  const where = displayPath(file) + (line > 0 ? `:${line}` : "");
  return `${where}: ${field === "" ? "" : `${field}: `}`;
}

/** `file` relative to the working directory when it is below it, else as is. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Short words ("B99", "5.4") only match up to case: one edit there is a different name.
  const allowed = word.length <= 3 ? 0 : Math.max(1, Math.floor(word.length / 3));
  if (bestDistance <= allowed) return best;
  // "pico" for "espruino-pico": a part of exactly one candidate.
  const containing = lower.length >= 3 ? candidates.filter((c) => c.toLowerCase().includes(lower)) : [];
  return containing.length === 1 ? containing[0] : undefined;
}

/** ", did you mean "x"?" or "" */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggest(word, candidates);
  return s === undefined ? "" : `, did you mean "${s}"?`;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}
