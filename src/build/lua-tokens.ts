// Lua source as tokens, for the passes that rename names (lua-mangle.ts).
//
// A regular expression over the text cannot tell `t.name` from the same
// letters in a string or a comment; the tokens can. Comments are dropped,
// strings (quoted or long brackets) and numbers come back whole, so a pass
// looks at names and punctuation only and rewrites a name by its offsets.

export type LuaTokenKind = 'name' | 'string' | 'number' | 'op';

export interface LuaToken {
  kind: LuaTokenKind;
  /** The token as written (a string with its quotes). */
  text: string;
  start: number;
}

/** What comes after `--`: a long comment `[[ ... ]]` / `[==[ ... ]==]`, or up to the end of the line. */
const LONG_OPEN = /\[(=*)\[/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /0[xX][0-9a-fA-F.]+(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPS = ['...', '..', '==', '~=', '<=', '>=', '::', '//', '<<', '>>'];

/** The tokens of `code`; throws on an unfinished string or long bracket (the text is not Lua). */
export function luaTokens(code: string): LuaToken[] {
  const out: LuaToken[] = [];
  let i = 0;
  const at = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(code)?.[0];
  };
  const longClose = (level: string, from: number): number => {
    const end = code.indexOf(`]${level}]`, from);
    if (end < 0) throw new Error(`unfinished long bracket at offset ${from}`);
    return end + level.length + 2;
  };
  while (i < code.length) {
    const c = code[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (code.startsWith('--', i)) {
      i += 2;
      const open = at(LONG_OPEN);
      if (open !== undefined) i = longClose(open.slice(1, -1), i + open.length);
      else i = code.includes('\n', i) ? code.indexOf('\n', i) + 1 : code.length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) {
        if (code[j] === '\n') throw new Error(`unfinished string at offset ${i}`);
        j += code[j] === '\\' ? 2 : 1;
      }
      if (j >= code.length) throw new Error(`unfinished string at offset ${i}`);
      out.push({ kind: 'string', text: code.slice(i, j + 1), start: i });
      i = j + 1;
    } else if (c === '[' && at(LONG_OPEN) !== undefined) {
      const open = at(LONG_OPEN)!;
      const end = longClose(open.slice(1, -1), i + open.length);
      out.push({ kind: 'string', text: code.slice(i, end), start: i });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const name = at(NAME)!;
      out.push({ kind: 'name', text: name, start: i });
      i += name.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(code[i + 1] ?? ''))) {
      const n = at(NUMBER)!;
      out.push({ kind: 'number', text: n, start: i });
      i += n.length;
    } else {
      const op = OPS.find((o) => code.startsWith(o, i)) ?? c;
      out.push({ kind: 'op', text: op, start: i });
      i += op.length;
    }
  }
  return out;
}
