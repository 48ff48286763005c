// Espruino's REPL line discipline, without a transport: bytes in, bytes out.
//
// Espruino (src/jsinteractive.c) reads its console one character at a time
// and collects an input line until the line is a complete statement: a
// newline executes only when every bracket is closed and no block comment is
// open, otherwise it goes into the line (the terminal shows ':' for it).
// EspruinoTools leans on a handful of its habits, which are what this copies:
//
//   \x10 (DLE)        echo off for this line: nothing typed is echoed and no
//                     `=value` is printed after it runs (uploads use it)
//   \x1b\n (Alt-Enter) a newline that never executes (uploads use it inside
//                     blocks); \x1b[123d sets a line number: ignored
//   \x03 (Ctrl-C)     clears the line and answers "\b>" (an empty prompt)
//   \r, \n, \r\n      execute when complete; with echo, "\r\n" then
//                     `=<value>\r\n` (not after an error)
//   idle              the prompt ">" comes back once the input is drained
//
// So an empty line answers "\r\n=undefined\r\n>", which is what the client
// waits for before it sends anything. Output is converted to "\r\n" line
// ends, as Espruino's jsiConsolePrint does. Not modelled: echo(0), XON/XOFF
// (nothing here ever needs the client to wait), the DLE SOH packet protocol
// of newer firmware (the upload path does not use it), history and cursor
// movement (escape sequences are swallowed).

export interface EvalResult {
  /** The value, as Espruino prints it after '=' (see `espruinoRepr`). */
  result?: string;
  /** The message of what was thrown; printed as "Uncaught <error>". */
  error?: string;
}

/**
 * What the console needs from a board: run one complete statement as typed
 * at the prompt, and hand over everything the code prints (print,
 * console.log, later from timers too) with "\n" line ends.
 */
export interface EspruinoEvaluator {
  evaluate(code: string): EvalResult;
  onOutput(cb: (text: string) => void): void;
  /**
   * Bytes from the connection, before the REPL sees them: while firmware has
   * moved the console off the device this connection is, they are the
   * firmware's; answers what is left for the REPL (all of it when the
   * console is here, the rest once a Ctrl-C gave it back).
   */
  divert?(bytes: string): string;
  /** What firmware writes on the device itself (USB.write), byte for byte. */
  onRaw?(cb: (bytes: string) => void): void;
}

/** The REPL state of one console connection; the board behind it outlives connections. */
export class EspruinoRepl {
  private line = '';
  private echoOff = false;
  private esc: '' | 'esc' | 'csi' = '';
  private lastCr = false;
  /** True while ">" (and the typed line) is on the other end's screen. */
  private promptShown = true;
  private running = false;

  constructor(private readonly ev: EspruinoEvaluator, private readonly send: (bytes: string) => void) {}

  /** Output the board produced: the prompt is taken off first and comes back when idle. */
  output(text: string): void {
    if (text === '') return;
    if (this.running) {
      this.send(text.replace(/\r?\n/g, '\r\n'));
      return;
    }
    this.removePrompt();
    this.send(text.replace(/\r?\n/g, '\r\n'));
    queueMicrotask(() => this.idle());
  }

  /** Bytes from the client, as latin1 characters. */
  receive(data: string): void {
    for (const ch of data) this.char(ch);
    this.idle();
  }

  /** The end of a burst of input: show the prompt again, unless a hidden (\x10) line is under way. */
  idle(): void {
    if (this.promptShown || this.echoOff) return;
    this.promptShown = true;
    this.send('>' + this.line.replace(/\n/g, '\r\n:'));
  }

  private char(ch: string): void {
    const c = ch.charCodeAt(0);
    const wasCr = this.lastCr;
    this.lastCr = false;
    if (this.esc === 'esc') {
      this.esc = c === 0x5b ? 'csi' : '';
      if (ch === '\n') this.append('\n'); // Alt-Enter: newline without executing
      return;
    }
    if (this.esc === 'csi') {
      if (c >= 0x40 && c <= 0x7e) this.esc = ''; // final byte of the sequence: cursor keys, line numbers
      return;
    }
    if (c === 0x1b) this.esc = 'esc';
    else if (c === 0x03) this.ctrlC();
    else if (c === 0x10) {
      if (!this.echoOff && this.line === '') this.removePrompt();
      this.echoOff = true;
    } else if (c === 0x08 || c === 0x7f) {
      if (this.line !== '') {
        this.line = this.line.slice(0, -1);
        if (this.showing()) this.send('\b \b');
      }
    } else if (ch === '\n' && wasCr) {
      // "\r\n": the \r did it
    } else if (ch === '\r' || ch === '\n') {
      this.lastCr = ch === '\r';
      this.newline();
    } else if (c >= 32 || ch === '\t') {
      const s = ch === '\t' ? '    ' : ch;
      this.line += s;
      if (this.showing()) this.send(s);
    }
  }

  private showing(): boolean {
    return !this.echoOff && this.promptShown;
  }

  private append(s: string): void {
    this.line += s;
    if (this.showing()) this.send('\r\n:');
  }

  private newline(): void {
    if (!isComplete(this.line)) {
      this.append('\n');
      return;
    }
    const code = this.line.replace(/\s+$/, '');
    const echo = !this.echoOff;
    if (echo && this.promptShown) this.send('\r\n');
    this.promptShown = false;
    this.line = '';
    this.running = true;
    let r: EvalResult;
    try {
      r = this.ev.evaluate(code);
    } finally {
      this.running = false;
    }
    if (r.error !== undefined) this.output(`Uncaught ${r.error}\n`);
    else if (echo) this.output(`=${r.result ?? 'undefined'}\n`);
    this.echoOff = false;
  }

  private ctrlC(): void {
    const shown = this.showing() ? this.line.length : 0;
    this.line = '';
    this.echoOff = false;
    this.esc = '';
    if (this.promptShown) this.send('\b'.repeat(shown) + ' '.repeat(shown) + '\b'.repeat(shown) + '\b');
    this.promptShown = false;
    this.idle();
  }

  private removePrompt(): void {
    if (!this.promptShown) return;
    const n = this.echoOff ? 0 : this.line.length;
    this.send('\b'.repeat(n) + ' '.repeat(n) + '\b'.repeat(n) + '\b');
    this.promptShown = false;
  }
}

/**
 * Whether `src` is a complete statement as Espruino's jsiCountBracketsInInput
 * judges it: (), [] and {} balanced outside strings, comments and regular
 * expressions, and no block comment left open.
 */
export function isComplete(src: string): boolean {
  let depth = 0;
  let prev = ''; // last significant character, to tell a regex from a division
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 1;
    } else if (ch === '"' || ch === "'" || ch === '`' || (ch === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev)))) {
      i = skipQuoted(src, i, ch);
      prev = 'a';
    } else if (!/\s/.test(ch)) {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      if (depth < 0) return true; // a closing bracket first: Espruino runs it (and reports the error)
      prev = ch;
    }
  }
  return depth <= 0;
}

/** Index of the closing quote of the string, template or regex opened at `i` (or the end). */
function skipQuoted(src: string, i: number, quote: string): number {
  let j = i + 1;
  let inClass = false;
  for (; j < src.length; j++) {
    const ch = src[j]!;
    if (ch === '\\') j++;
    else if (quote === '/' && ch === '[') inClass = true;
    else if (quote === '/' && ch === ']') inClass = false;
    else if (ch === quote && !inClass) return j;
    else if (ch === '\n' && quote !== '`') return j; // strings and regexes end at the line's end
  }
  return j;
}

/** A value as Espruino prints it after '=': JSON-like, strings quoted, `undefined` spelt out. */
export function espruinoRepr(v: unknown, depth = 0): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name} () { ... }`.replace('function  (', 'function (');
  if (typeof v !== 'object' || depth > 3) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[ ]' : `[ ${v.map((x) => espruinoRepr(x, depth + 1)).join(', ')} ]`;
  const keys = Object.keys(v);
  if (keys.length === 0) return '{ }';
  return `{ ${keys.map((k) => `${JSON.stringify(k)}: ${espruinoRepr((v as Record<string, unknown>)[k], depth + 1)}`).join(', ')} }`;
}
