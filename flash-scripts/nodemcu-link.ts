// One connection to a NodeMCU board through nodemcu-tool (the npm package),
// used as a library: its serial transport (serialport), its connection
// check and device info, its upload (the `__nmtwrite` helper, hex unless the
// board has `encoder`) and its command runner, which sends a Lua line at the
// `> ` prompt and returns the echo and what the board printed up to the next
// prompt.
//
// The library keeps one connection per process in module state, and a
// command waits for its prompt forever: a board that stops answering, or a
// port that goes away mid-transfer, would leave it hanging. So every step
// here has a time limit, and a closed or failed port (serialport's 'close'
// and 'error') fails the step under way at once with `LinkClosed`.
// nodemcu-tool's own log lines go to `verbose`, or nowhere.
//
// nodemcu-tool hands on what the board sends only in pieces that end at a
// prompt ("\r\n>"); a line printed after the last prompt (a firmware that
// took the console says so, and no prompt follows) never reaches it. So the
// link also keeps everything the port received (`heard`), from serialport's
// own 'data' events.

import { createRequire } from 'node:module';

export class LinkClosed extends Error {}
/** A step got no answer in time: the board is silent, or busy with something else. */
export class NoAnswer extends Error {}

interface Reply {
  echo: string;
  response: string | null;
}

interface Connector {
  connect(port: string, baud: number, check: boolean, delayMs: number): Promise<string>;
  upload(local: string, remote: string, options: { minify: boolean }, progress: (sent: number, total: number) => void): Promise<void>;
  execute(command: string): Promise<Reply>;
  disconnect(): Promise<void>;
  onError(cb: (e: Error) => void): void;
}

interface SerialDevice {
  on(event: 'close', cb: () => void): void;
  on(event: 'data', cb: (bytes: Buffer) => void): void;
  write(bytes: Buffer): void;
}

const load = createRequire(import.meta.url);
const toolRequire = createRequire(load.resolve('nodemcu-tool'));

export interface LinkOptions {
  /** nodemcu-tool's log lines, for --verbose. */
  verbose?: (line: string) => void;
}

export class NodemcuLink {
  /** Everything the board sent since the port opened (latin1). */
  heard = '';
  private closedWith: string | null = null;
  private disconnected: Promise<void> | null = null;
  private readonly onClose: ((why: string) => void)[] = [];

  private constructor(readonly port: string, private readonly tool: Connector) {}

  /**
   * Opens `port`, sends a Ctrl-C (a flagpoll firmware that took the console
   * gives it back to Lua on it; at the Lua prompt it is one bad line, whose
   * error is purged with the rest), and greets the board as nodemcu-tool's
   * connect does with a connection delay (a few empty lines, stale output purged), checks the
   * `print("echo1337")` round trip and reads the device info. Resolves with
   * the library's summary ("Arch: esp8266 | Version: ..."); NoAnswer when the
   * prompt is silent, LinkClosed when the port cannot be opened or closes.
   */
  static async open(port: string, o: LinkOptions = {}): Promise<{ link: NodemcuLink; info: string }> {
    const logging = toolRequire('logging-facility') as { setBackend(fn: (instance: string, level: number, args: unknown[]) => void): void };
    logging.setBackend((instance, _level, args) => o.verbose?.(`${instance}: ${args.map(String).join(' ')}`));
    const tool = toolRequire('nodemcu-tool') as Connector;
    const link = new NodemcuLink(port, tool);
    tool.onError((e) => link.closed(`the port reported an error (${e.message})`));
    hearPort({
      opened: (device) => device.write(Buffer.from([3])),
      data: (bytes) => (link.heard += bytes.toString('latin1')),
      closed: (why) => link.closed(why),
    });
    const info = await link.step(() => tool.connect(port, 115200, true, 150), 6_000, () => {
      throw new NoAnswer('no answer');
    }).catch(async (e: unknown) => {
      await link.close(); // the port may be open: a silent board
      if (e instanceof Error && /Cannot open port/.test(e.message)) throw new LinkClosed(`cannot open ${port}: ${e.message}`);
      if (e instanceof Error && /no response detected/i.test(e.message)) throw new NoAnswer(e.message);
      throw e;
    });
    return { link, info };
  }

  /** What the board printed for one Lua `line`, or NoAnswer after `ms`. */
  run(line: string, ms = 5_000): Promise<string> {
    return this.step(() => this.tool.execute(line), ms, () => {
      throw new NoAnswer(`no prompt came back within ${ms / 1000} s after ${line}`);
    }).then((r) => r.response ?? '');
  }

  /**
   * nodemcu-tool's upload of `local` as `remote`; `progress(sent, total)` in
   * the encoded bytes it counts. NoAnswer when a chunk gets no prompt within `idleMs`.
   */
  upload(local: string, remote: string, progress: (sent: number, total: number) => void, idleMs: number): Promise<void> {
    return this.step(() => new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => reject(new NoAnswer(`the board stopped answering during the upload (no prompt for ${idleMs / 1000} s)`)), idleMs);
        timer.unref(); // a failed step leaves it behind: it must not hold the process
      };
      arm();
      this.tool.upload(local, remote, { minify: false }, (sent, total) => {
        arm();
        progress(sent, total);
      }).then(resolve, reject).finally(() => clearTimeout(timer));
    }));
  }

  /** The first line heard from `from` on (an offset in `heard`) that matches `re`, waiting up to `ms` for it; null if none came. */
  async awaitLine(re: RegExp, from: number, ms: number): Promise<RegExpExecArray | null> {
    const until = Date.now() + ms;
    for (;;) {
      // A line printed after a prompt begins with it: "> flagpoll build ...".
      for (const l of this.heard.slice(from).split(/\r?\n/)) {
        const m = re.exec(l.replace(/^(>>? )+/, ''));
        if (m !== null) return m;
      }
      if (Date.now() >= until || this.closedWith !== null) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Ends the link and closes the port (also after the port failed the link); resolves once it is closed. */
  close(): Promise<void> {
    this.closed('closed by flagpoll');
    this.disconnected ??= this.tool.disconnect().catch(() => {});
    return this.disconnected;
  }

  /** Runs `start`, with a time limit when `late` is given; fails at once with LinkClosed if the port goes first. */
  private step<T>(start: () => Promise<T>, ms = 0, late?: () => never): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closedWith !== null) return reject(new LinkClosed(this.closedWith));
      const timer = late === undefined ? undefined : setTimeout(() => {
        try {
          late();
        } catch (e) {
          reject(e);
        }
      }, ms);
      timer?.unref(); // a failed step leaves it behind: it must not hold the process
      this.onClose.push((why) => reject(new LinkClosed(why)));
      start().then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private closed(why: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = why;
    for (const fn of this.onClose.splice(0)) fn(why);
  }
}

interface PortListener {
  opened(device: SerialDevice): void;
  data(bytes: Buffer): void;
  closed(why: string): void;
}

let listener: PortListener | null = null;
/**
 * nodemcu-tool hears only 'error' from its port, and what it receives only up
 * to a prompt; but a pty or a USB adapter that goes away shows as 'close',
 * and a firmware that took the console prints no prompt. So every serial
 * port it opens from now on reports its opening, every byte it receives and
 * its 'close' to `l`, the listener when it opened (serialport's open,
 * wrapped once per process).
 */
function hearPort(l: PortListener): void {
  if (listener === null) {
    const SerialPort = toolRequire('serialport') as { prototype: SerialDevice & { open(done?: (e?: Error | null) => void): void } };
    const open = SerialPort.prototype.open;
    SerialPort.prototype.open = function (this: SerialDevice, done?: (e?: Error | null) => void) {
      const l = listener; // this port's link, not the one after it
      this.on('close', () => l?.closed('the port closed'));
      this.on('data', (bytes) => l?.data(bytes));
      return open.call(this, (e?: Error | null) => {
        if (!e) l?.opened(this);
        done?.(e);
      });
    };
  }
  listener = l;
}
