// A small JSON parser that remembers on which line each value sits.
//
// Why not JSON.parse: a board error must name the line of the field it is
// about, and Node 20's JSON.parse neither says where a syntax error is in
// every case nor keeps positions. This parser accepts exactly RFC 8259 JSON,
// refuses duplicate keys (JSON.parse would silently keep the last one), and
// records, for every JSON pointer, the line of its key (or, for array items
// and the root, of the value).

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "JsonSyntaxError";
  }
}

export interface ParsedJson {
  readonly value: unknown;
  /** JSON pointer ("" for the root, "/uarts/console/rx") to 1-based line. */
  readonly lines: ReadonlyMap<string, number>;
}

/** Escapes one pointer segment (RFC 6901): "~" as "~0", "/" as "~1". */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The line of `pointer`, or of its nearest ancestor that exists (1 for none). */
export function lineOf(parsed: ParsedJson, pointer: string): number {
  let p = pointer;
  for (;;) {
    const line = parsed.lines.get(p);
    if (line !== undefined) return line;
    if (p === "") return 1;
    p = p.slice(0, p.lastIndexOf("/"));
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function parseJson(text: string): ParsedJson {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (reason: string): never => {
    throw new JsonSyntaxError(reason, line, pos - lineStart + 1);
  };
  const describe = (): string =>
    pos >= text.length ? "end of file" : `'${text[pos]}'`;

  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === "\n") {
        line++;
        lineStart = pos + 1;
      } else if (c !== " " && c !== "\t" && c !== "\r") {
        return;
      }
      pos++;
    }
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return JSON.parse(text.slice(start, pos)) as string;
      }
      if (c === 0x5c) {
        const esc = text[pos + 1];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("bad \\u escape in string");
          pos += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          pos += 2;
        } else {
          fail(`bad escape '\\${esc ?? ""}' in string`);
        }
      } else if (c < 0x20) {
        fail(c === 0x0a ? "string not closed before the end of the line" : "control character in string");
      } else {
        pos++;
      }
    }
    return fail("string not closed before the end of the file");
  };

  const parseValue = (pointer: string, keyLine: number): unknown => {
    skipSpace();
    lines.set(pointer, keyLine === 0 ? line : keyLine);
    const c = text[pos];
    if (c === "{") return parseObject(pointer);
    if (c === "[") return parseArray(pointer);
    if (c === '"') return parseString();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m !== null) {
      pos += m[0].length;
      return Number(m[0]);
    }
    return fail(`expected a value, found ${describe()}`);
  };

  const parseObject = (pointer: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    pos++; // {
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') {
        fail(text[pos] === "}" ? "trailing comma before '}'" : `expected a quoted field name, found ${describe()}`);
      }
      const keyLine = line;
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`duplicate field "${key}"`);
      skipSpace();
      if (text[pos] !== ":") fail(`expected ':' after "${key}", found ${describe()}`);
      pos++;
      const value = parseValue(`${pointer}/${pointerSegment(key)}`, keyLine);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "}") {
        pos++;
        return out;
      }
      fail(`expected ',' or '}' after the value of "${key}", found ${describe()}`);
    }
  };

  const parseArray = (pointer: string): unknown[] => {
    const out: unknown[] = [];
    pos++; // [
    skipSpace();
    if (text[pos] === "]") {
      pos++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[pos] === "]") fail("trailing comma before ']'");
      out.push(parseValue(`${pointer}/${out.length}`, 0));
      skipSpace();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "]") {
        pos++;
        return out;
      }
      fail(`expected ',' or ']' in array, found ${describe()}`);
    }
  };

  if (text.charCodeAt(0) === 0xfeff) pos = 1; // byte-order mark
  const value = parseValue("", 0);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${describe()} after the end of the document`);
  return { value, lines };
}
