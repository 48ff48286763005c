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
