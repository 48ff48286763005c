// The line firmware prints as it takes its board's console, on Espruino and
// NodeMCU alike (src/targets/espruino/hal.ts, src/targets/nodemcu/hal.ts):
// `flagpoll build <id>: <device> is the firmware's input now...`. Nothing
// answers a query on that console afterwards, so `flagpoll flash` confirms the
// build by it (the build id, and the device the firmware took), and the
// emulator tells it from the firmware's own output. Host-side only: firmware
// prints the text, it never imports this.

export const CONSOLE_TAKEN = /^flagpoll build (\w+): (\w+) is the firmware's input now/;
