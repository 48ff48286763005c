// One connection to an Espruino board through EspruinoTools (the `espruino`
// package), used as a library: its serial/BLE transports, its prompt
// handshake, its expression queries and its code writer.
//
// The library is callback-based, chatty (console.log everywhere) and keeps
// its state in a global `Espruino`, so a link is for a process of its own
// (the flagpoll CLI), one at a time. Three things it does not do are added
// here:
//   - TCP: its "Node Socket" transport only reports a closed connection on
//     'end'; a refused or reset connection leaves it waiting forever. A
//     transport of the same shape that reports 'close' and the error
//     replaces it.
//   - Completion: CodeWriter.writeToEspruino never calls back when the code
//     is under 512 bytes, so the upload is done when the transport has
//     written every byte of it (counted from the "\x10reset();" it starts
//     with), which also gives the progress.
//   - Disconnection: any pending step fails at once with `LinkClosed`.
// Nothing here reaches past the given port: board JSON and module look-ups
// (normally fetched from espruino.com) point at a local folder.

import net from 'node:net';
import { espruino, loadEspruino } from './espruino-api.ts';
import type { Device, EspruinoGlobal } from './espruino-api.ts';

export class LinkClosed extends Error {}

let libraryWrite: EspruinoGlobal['Core']['Serial']['write'] | undefined;

export interface LinkOptions {
  /** Where the library would look for board JSON and modules: a local folder, never a URL. */
  localDir: string;
  /** Lines the library logs, for --verbose; dropped otherwise. */
  verbose?: (line: string) => void;
}

export class EspruinoLink {
  /** Everything the board sent that the library's own queries did not take, since open or takeHeard(). */
  private heard = '';
  private closedWith: string | null = null;
  private readonly onClose: ((why: string) => void)[] = [];
  /** Upload byte counting: -1 when not uploading. */
  private sent = -1;
  private onSent: ((n: number) => void) | null = null;

  private constructor(readonly port: string) {}

  /** Opens `port` (tcp://host:port, a serial path or a BLE address); rejects with the reason it could not. */
  static async open(port: string, o: LinkOptions): Promise<EspruinoLink> {
    const E = await loadEspruino(o.verbose);
    const link = new EspruinoLink(port);
    const ble = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(port);
    Object.assign(E.Config, {
      ENV_ON_CONNECT: false, // process.env is asked for by env(), without the board JSON download that follows
      BOARD_JSON_URL: o.localDir, MODULE_URL: o.localDir, SET_TIME_ON_WRITE: false, SAVE_ON_SEND: 0,
      MINIFICATION_LEVEL: '', BLUETOOTH_LOW_ENERGY: ble, BLUETOOTH_LOW_ENERGY_DBUS: ble, // as its --no-ble, unless BLE
    });
    libraryWrite ??= E.Core.Serial.write;
    E.Core.Serial.write = libraryWrite;
    const devices = E.Core.Serial.devices;
    for (let i = devices.length - 1; i >= 0; i--) if (devices[i]!.name === 'Node Socket' || devices[i]!.name === 'flagpoll TCP') devices.splice(i, 1);
    if (port.startsWith('tcp://')) devices.push(link.tcpDevice());
    else for (const d of devices) link.countWrites(d);
    if (ble) E.Core.Utils.addRecognisedDeviceAddress(port);
    await new Promise<void>((resolve, reject) => {
      E.Core.Serial.open(port, (status) => {
        if (status === undefined) reject(new LinkClosed(link.closedWith ?? `could not open ${port}`));
        else resolve();
      }, () => link.closed('the board closed the connection'));
    });
    E.Core.Serial.startListening((data) => {
      link.heard += Buffer.from(data).toString('latin1');
    });
    return link;
  }

  /** process.env as JSON text, or undefined when the board did not answer (the library waits about 3 s). */
  env(): Promise<Record<string, unknown> | undefined> {
    return this.expression('process.env').then((text) => {
      if (text === undefined) return undefined;
      try {
        const v: unknown = JSON.parse(text);
        return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    });
  }

  /** JSON text of `expr` evaluated on the board, or undefined on no answer. */
  expression(expr: string): Promise<string | undefined> {
    return this.step((done) => espruino().Core.Utils.executeExpression(expr, done));
  }

  /** What `code` printed on the board, or undefined on no answer. */
  statement(code: string): Promise<string | undefined> {
    return this.step((done) => espruino().Core.Utils.executeStatement(code, done));
  }

  /**
   * Uploads `code` as the Web IDE does with "Save on Send" (reset(), then
   * `require("Storage").write(file, <1 KB>, offset)` lines, then `load()`
   * for `.bootcde` or `load(file)`): the board holds one chunk at a time,
   * not the whole program as one statement. Resolves when every byte has
   * been written; `progress(sent, total)` is called as it goes.
   */
  async upload(code: string, file: string, progress: (sent: number, total: number) => void): Promise<void> {
    const E = espruino();
    Object.assign(E.Config, file === '.bootcde' ? { SAVE_ON_SEND: 1, LOAD_STORAGE_FILE: 1 } : { SAVE_ON_SEND: 3, SAVE_STORAGE_FILE: file, LOAD_STORAGE_FILE: 2 });
    const transformed = await new Promise<string>((r) => E.callProcessor('transformForEspruino', code, r));
    let body = E.Core.CodeWriter.reformatCode(transformed);
    if (body === undefined) throw new Error('EspruinoTools refused the code: unbalanced brackets');
    while (!body.endsWith('\n\n')) body += '\n';
    const total = '\x10reset();\n\x10print()\n'.length + body.length;
    E.Config.RESET_BEFORE_SEND = true;
    await this.step<void>((done) => {
      this.sent = -1;
      this.onSent = (n) => {
        progress(Math.min(n, total), total);
        if (n >= total) {
          this.onSent = null;
          done();
        }
      };
      E.Core.CodeWriter.writeToEspruino(transformed, () => {});
    });
  }

  /** What the board printed since the last call, as lines without their "\r\n". */
  takeHeard(): string[] {
    const text = this.heard;
    this.heard = '';
    return lines(text);
  }

  /**
   * Waits for a heard line matching `re` (kept for takeHeard) and answers
   * it; null once the board has shown its prompt and then said nothing for
   * `quietMs`, or after `ms` in all.
   */
  async awaitLine(re: RegExp, quietMs: number, ms: number): Promise<RegExpExecArray | null> {
    const until = Date.now() + ms;
    let seen = this.heard.length;
    let quietSince = Date.now();
    for (;;) {
      for (const l of lines(this.heard)) {
        const m = re.exec(l);
        if (m !== null) return m;
      }
      if (this.heard.length !== seen) {
        seen = this.heard.length;
        quietSince = Date.now();
      }
      const idle = /\n>\s*$/.test(this.heard) && Date.now() - quietSince >= quietMs;
      if (idle || Date.now() >= until || this.closedWith !== null) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    if (this.closedWith !== null) return;
    this.closed('closed by flagpoll');
    espruino().Core.Serial.close();
  }

  /** Wraps a callback-style library call: rejects with LinkClosed if the connection goes first. */
  private step<T>(start: (done: (v: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closedWith !== null) return reject(new LinkClosed(this.closedWith));
      this.onClose.push((why) => reject(new LinkClosed(why)));
      start(resolve);
    });
  }

  private closed(why: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = why;
    // The library's own timers (prompt retries, Ctrl-C) still write after a close and would throw: they go nowhere now.
    espruino().Core.Serial.write = () => {};
    for (const fn of this.onClose.splice(0)) fn(why);
  }

  /** Counts the bytes of an upload as the transport writes them. */
  private wrote(data: string): void {
    if (this.onSent === null) return;
    if (this.sent < 0) {
      if (!data.startsWith('\x10reset();')) return;
      this.sent = 0;
    }
    this.sent += data.length;
  }

  private countWrites(d: Device): void {
    const write = d.write.bind(d);
    d.write = (data, cb) => {
      this.wrote(data);
      write(data, () => {
        if (this.sent >= 0) this.onSent?.(this.sent);
        cb?.();
      });
    };
  }

  /** A TCP transport in the library's device shape that reports refusals, resets and closes. */
  private tcpDevice(): Device {
    let socket: net.Socket | null = null;
    const url = new URL(this.port);
    const device: Device = {
      name: 'flagpoll TCP',
      getPorts: (cb) => cb([{ path: this.port, description: 'Network connection', type: 'socket' }], true),
      open: (_path, opened, receive, disconnected) => {
        const s = net.createConnection(Number(url.port || 23), url.hostname);
        socket = s;
        let failed: NodeJS.ErrnoException | null = null;
        let connected = false;
        s.on('connect', () => {
          connected = true;
          opened('Ok');
        });
        s.on('data', (b: Buffer) => receive(new Uint8Array(b).buffer));
        s.on('error', (e) => {
          failed = e;
        });
        s.on('close', () => {
          socket = null;
          const why = failed as NodeJS.ErrnoException | null; // assigned in the 'error' handler
          if (!connected) this.closed(why?.code === 'ECONNREFUSED' ? `nothing is listening on ${this.port}` : `could not connect to ${this.port}: ${why?.message ?? 'closed'}`);
          else this.closed(`the board closed the connection${why === null ? '' : ` (${why.message})`}`);
          disconnected();
        });
      },
      write: (data, cb) => {
        if (socket === null || socket.destroyed) return; // the close already failed whoever waits
        socket.write(Buffer.from(data, 'latin1'), () => cb?.());
      },
      close: () => {
        // end() alone would wait for the other side's FIN, which a silent peer never sends
        const s = socket;
        s?.end(() => s.destroy());
      },
    };
    this.countWrites(device);
    return device;
  }
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.replace(/^[\b>\s]+/, '')).filter((l) => l !== '');
}
