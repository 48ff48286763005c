// The portable behaviour tests (test/portable/behaviour.ts) of the core, sync,
// time and reactor layers, run one after the other with one result line each.
// test/lua/behaviours.test.ts runs this on the host and, compiled, on Lua 5.1
// and 5.3, and wants the same lines everywhere. A test file not listed here
// does not run on Lua: the files left out, and why, are in that test's header.

import { cases } from '../../portable/collect.ts';
import '../../core/executor.test.ts';
import '../../core/combinators.test.ts';
import '../../sync/channel.test.ts';
import '../../sync/primitives.test.ts';
import '../../time/timers.test.ts';
import '../../reactor/wake-flags.test.ts';
import '../../reactor/pin-source.test.ts';
import '../../reactor/uart-port.test.ts';
import '../../reactor/device.test.ts';
import { runCases } from '../../portable/run-cases.ts';

runCases(cases, (line) => console.log(line));
