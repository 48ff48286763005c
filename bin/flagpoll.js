#!/usr/bin/env node
// The flagpoll command. Its sources are TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2), (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'));
} catch (e) {
  if (e instanceof Error && (e.name === 'UsageError' || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')) {
    process.stderr.write(`flagpoll: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
