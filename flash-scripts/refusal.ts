// Why a flash stopped: a refusal before anything was sent (wrong port, wrong
// board, no answer) or a failure after the upload began. Both end the
// command with exit status 1 and their message; neither is a crash.

export class FlashRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlashRefused';
  }
}

export class FlashFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlashFailed';
  }
}

/** The flash's steps, given at most `timeoutMs` to confirm the build; a failure after giving up has no one to tell. */
export async function confirmedWithin(run: Promise<string>, timeoutMs: number): Promise<string> {
  run.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FlashFailed(`gave up after ${timeoutMs / 1000} s without the board confirming the build`)), timeoutMs);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exit status 1 with a refusal or failure noted as such; anything else is a bug and is thrown on. */
export function stopped(e: unknown, note: (line: string) => void): number {
  if (e instanceof FlashRefused) note(`flash: refused: ${e.message}`);
  else if (e instanceof FlashFailed) note(`flash: FAILED: ${e.message}`);
  else throw e;
  return 1;
}
