// flagpoll/testing: run firmware on the host, in virtual time, with a trace.

export { Host, HostPlatform } from './targets/host/platform.ts';
export { TestBoard, testBoard } from './emulator/test-board.ts';
export type { TestBoardOptions } from './emulator/test-board.ts';
export { SimBoard } from './emulator/sim-board.ts';
export type { PinChange, SimOptions } from './emulator/sim-board.ts';
