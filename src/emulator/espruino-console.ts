// Espruino's console over TCP: what `flagpoll emulate --listen` serves, so
// that the official client (`espruino -p tcp://host:port app.js`, and the
// `espruino` package as a library) uploads to an emulated board as it does
// to a real one on Telnet.
//
// The board behind it is an EspruinoEvaluator (run this statement, tell me
// what it printed and what it evaluated to); the line discipline is
// EspruinoRepl (espruino-repl.ts). One console, like a board's: a new
// connection takes it over and the previous one is closed; the board's
// state (globals an upload set) lives on between connections.
//
// What the client does, in order, and what it gets (see espruino-repl.ts):
//   "\n"                                  -> "\r\n=undefined\r\n>"  (a prompt: go on)
//   "\x10print(\"<\",\"<<\",JSON.stringify(process.env),\">>\",\">\")\n"
//                                         -> "< << {...env...} >> >\r\n>"
//   "\n", then "\x10reset();\n" "\x10print()\n" and the code, each top-level
//   statement on a "\x10" line, newlines inside blocks sent as "\x1b\n"
//                                         -> whatever the code prints, then ">"
// The client neither needs nor gets XON/XOFF flow control here: every line
// is run as soon as it is complete. Firmware that moves the console away
// (flagpoll's Espruino platform does when it reads the console UART) gets
// the connection's bytes instead of the REPL, as on a board, until a Ctrl-C
// gives the console back (see EspruinoEvaluator.divert).
//
// `cutAfterBytes` is a test hook: the connection is dropped after that many
// bytes were received, as a cable pulled in the middle of an upload.

import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { EspruinoRepl } from './espruino-repl.ts';
import type { EspruinoEvaluator } from './espruino-repl.ts';

export type { EspruinoEvaluator, EvalResult } from './espruino-repl.ts';

export interface ConsoleServerOptions {
  /** Address to listen on; 127.0.0.1 unless said. */
  host?: string;
  /** 0 (the default) picks a free port: read it from `port` afterwards. */
  port?: number;
  /** Drop each connection once it has sent this many bytes. */
  cutAfterBytes?: number;
  /** Events worth a line in a log: connections opened and closed. */
  log?: (line: string) => void;
}

export interface ConsoleServer {
  readonly host: string;
  readonly port: number;
  /** "tcp://host:port", as the client's -p takes it. */
  readonly url: string;
  /** Bytes received over all connections so far. */
  readonly received: number;
  close(): Promise<void>;
}

/** Serve `board`'s console on a TCP port; resolves once listening. */
export function serveEspruinoConsole(board: EspruinoEvaluator, o: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const host = o.host ?? '127.0.0.1';
  const log = o.log ?? (() => {});
  const sockets = new Set<net.Socket>();
  let current: { socket: net.Socket; repl: EspruinoRepl } | null = null;
  let received = 0;
  board.onOutput((text) => current?.repl.output(text));
  board.onRaw?.((bytes) => {
    if (current !== null && !current.socket.destroyed) current.socket.write(Buffer.from(bytes, 'latin1'));
  });

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const who = `${socket.remoteAddress}:${socket.remotePort}`;
    if (current !== null) {
      log(`console taken over by ${who}; closing the previous connection`);
      current.socket.destroy();
    }
    const send = (bytes: string) => {
      if (!socket.destroyed) socket.write(Buffer.from(bytes, 'latin1'));
    };
    const me = { socket, repl: new EspruinoRepl(board, send) };
    current = me;
    log(`connected: ${who}`);
    let taken = 0;
    socket.on('data', (buf: Buffer) => {
      let data = buf;
      if (o.cutAfterBytes !== undefined && taken + data.length >= o.cutAfterBytes) {
        data = data.subarray(0, Math.max(0, o.cutAfterBytes - taken));
        socket.destroy();
      }
      taken += data.length;
      received += data.length;
      if (current === me) {
        const text = data.toString('latin1');
        const rest = board.divert === undefined ? text : board.divert(text);
        if (rest !== '') me.repl.receive(rest);
      }
      if (socket.destroyed && o.cutAfterBytes !== undefined) log(`cut off ${who} after ${taken} bytes`);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      if (current === me) current = null;
      log(`disconnected: ${who} (${taken} bytes received)`);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        host,
        port,
        url: `tcp://${host}:${port}`,
        get received() {
          return received;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
