// Build-time flags: the one place they are declared.
//
// On the host nothing defines them, and undefined means on: host behaviour is
// all of flagpoll. The Espruino build defines each as `false` (esbuild's
// `define`, BUILD_FLAGS in src/build/bundle.ts), so what they guard is folded
// away and tree-shaken before a byte reaches the chip. Read each where it
// decides, as `typeof X === 'undefined' || X`: esbuild folds that only when it
// sees the defined literal in place (a constant exported from a module is not
// folded across modules by the bundler).

/** Message texts for error codes (src/core/errors.ts); off: `flagpoll E<code> <a> <b>`. */
declare const __FLAGPOLL_MESSAGES__: boolean | undefined;
/** Tracing of executor steps (a Tracer: spawn, poll, wake ...); off: a tracer given is ignored. */
declare const __FLAGPOLL_TRACE__: boolean | undefined;
