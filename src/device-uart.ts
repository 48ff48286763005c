// UARTs: a board UART as a reactor source, opened from firmware with
// `uart(dev, 'console')`.
//
// A free function rather than a Device method so that only a firmware that
// talks on a UART carries the port, its rings and its futures (see
// device.ts). For start-up: the first call for a UART opens it, later calls
// answer the same port.

/// <reference path="./core/build-flags.d.ts" />
import type { BoardId, UartId } from './boards/catalog.ts';
import { Code, FlagpollError } from './core/errors.ts';
import type { Device } from './device.ts';
import { reactorOf } from './device-reactor.ts';
import { addUart } from './reactor/uart-port.ts';
import type { UartPort } from './reactor/uart-port.ts';

/** A UART of `dev` by id, or 'console' for the board's console. */
export function uart<B extends BoardId>(dev: Device<B>, id: UartId<B> | 'console', options: { baud?: number } = {}): UartPort {
  const board = dev.board;
  const real = id === 'console' ? board.console : id;
  const known = dev.openUarts[real];
  if (known !== undefined) return known;
  const u = board.uarts[real];
  if (u === undefined) throw new FlagpollError(Code.UnknownUart, board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `"${id}" (UARTs: ${Object.keys(board.uarts).join(', ')})` : id);
  const port = addUart(reactorOf(dev), real, u.rxBuffer, dev.txBuffer, dev.hal);
  dev.hal.openUart(real, options.baud ?? u.baud ?? 115200, port);
  dev.openUarts[real] = port;
  return port;
}
