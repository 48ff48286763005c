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
}

const load = createRequire(import.meta.url);
const toolRequire = createRequire(load.resolve('nodemcu-tool'));

export interface LinkOptions {
  /** nodemcu-tool's log lines, for --verbose. */
  verbose?: (line: string) => void;
}

export class NodemcuLink {
  private closedWith: string | null = null;
  private readonly onClose: ((why: string) => void)[] = [];

  private constructor(readonly port: string, private readonly tool: Connector) {}

  /**
   * Opens `port` and greets the board as nodemcu-tool's connect does with a
   * connection delay (a few empty lines, stale output purged), checks the
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
    hearClose((why) => link.closed(why));
    const info = await link.step(() => tool.connect(port, 115200, true, 150), 6_000, () => {
      throw new NoAnswer('no answer');
    }).catch((e: unknown) => {
      link.close(); // the port may be open: a silent board
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

  close(): void {
    if (this.closedWith !== null) return;
    this.closed('closed by flagpoll');
    this.tool.disconnect().catch(() => {});
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

let onPortClose: ((why: string) => void) | null = null;
/**
 * nodemcu-tool hears only 'error' from its port, but a pty or a USB adapter
 * that goes away shows as 'close': every serial port it opens from now on
 * reports that to `cb` (serialport's open, wrapped once per process).
 */
function hearClose(cb: (why: string) => void): void {
  if (onPortClose === null) {
    const SerialPort = toolRequire('serialport') as { prototype: SerialDevice & { open(done?: (e?: Error | null) => void): void } };
    const open = SerialPort.prototype.open;
    SerialPort.prototype.open = function (this: SerialDevice, done?: (e?: Error | null) => void) {
      this.on('close', () => onPortClose?.('the port closed'));
      return open.call(this, done);
    };
  }
  onPortClose = cb;
}
