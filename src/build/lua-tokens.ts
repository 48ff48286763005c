// Lua's tokens, for the passes that read scopes (lua-scope.ts) or rename names
// (lua-mangle.ts): names, keywords, strings (quoted and long brackets), numbers
// and operators, with their place in the text; comments left out. A regular
// expression over the text cannot tell `t.name` from the same letters in a
// string or a comment; the tokens can.

/** Lua's reserved words (5.3's `goto` included: a name 5.1 could use, but never one to give out). */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or',
  'repeat', 'return', 'then', 'true', 'until', 'while']);

export interface Token {
  kind: 'name' | 'keyword' | 'string' | 'number' | 'op';
  text: string;
  start: number;
  end: number;
  line: number;
}

/** Lua's tokens, comments left out. Throws on text that is not Lua's. */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const longEnd = (at: number): number => {
    const open = code.slice(at).match(/^\[(=*)\[/);
    if (open === null) return -1;
    const close = code.indexOf(`]${open[1]}]`, at);
    if (close < 0) throw new Error(`lua: unfinished long bracket at line ${line}`);
    return close + open[1]!.length + 2;
  };
  while (i < code.length) {
    const c = code[i]!;
    const start = i;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (code.startsWith('--', i)) {
      const e = longEnd(i + 2);
      i = e >= 0 ? e : (code.indexOf('\n', i) + 1 || code.length);
      if (e >= 0) line += code.slice(start, e).split('\n').length - 1;
      continue;
    }
    let kind: Token['kind'];
    const m = code.slice(i, i + 200);
    let r: RegExpMatchArray | null;
    if ((r = m.match(/^[A-Za-z_]\w*/)) !== null) {
      kind = KEYWORDS.has(r[0]) ? 'keyword' : 'name';
      i += r[0].length;
    } else if ((r = m.match(/^(?:0[xX][\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/)) !== null) {
      kind = 'number';
      i += r[0].length;
    } else if (c === '"' || c === "'") {
      kind = 'string';
      i++;
      while (i < code.length && code[i] !== c) {
        if (code[i] === '\n') throw new Error(`lua: unfinished string at line ${line}`);
        i += code[i] === '\\' ? 2 : 1;
      }
      i++;
    } else if (longEnd(i) >= 0) {
      kind = 'string';
      i = longEnd(i);
    } else if ((r = m.match(/^(?:\.\.\.|\.\.|==|~=|<=|>=|::|<<|>>|\/\/|[-+*/%^#&|~<>=(){}[\];:,.])/)) !== null) {
      kind = 'op';
      i += r[0].length;
    } else {
      throw new Error(`lua: unexpected character ${JSON.stringify(c)} at line ${line}`);
    }
    tokens.push({ kind, text: code.slice(start, i), start, end: i, line });
    line += code.slice(start, i).split('\n').length - 1;
  }
  return tokens;
}

