// Compile-time test of pin names as types (src/boards/catalog.ts).
//
// Node never runs this file; `npx tsc --noEmit -p .` checks it (and
// pin-types.test.ts checks it through the compiler API). Each line under a
// `@ts-expect-error` must fail to compile: were the catalog to accept the
// unknown name, the directive would go unused and tsc would fail. Every other
// line must compile.

import type { BoardId, BoardOn, ButtonName, LedName, PinName, PinWith, UartId } from "../../src/boards/catalog.ts";

/** The shape a HAL call takes: the board picks which pin names are legal. */
function watch<B extends BoardId>(_board: B, _pin: PinWith<B, "irq">): void {}

// Espruino Pico: pins by port name, LED1/LED2, BTN1, USB console.
export const picoPins: PinName<"espruino-pico">[] = ["A0", "B2", "B12", "C13", "B15"];
// @ts-expect-error B99 is not a pin of the Espruino Pico
export const picoUnknownPin: PinName<"espruino-pico"> = "B99";
// @ts-expect-error pin names are case-sensitive, as on the board
export const picoLowerCase: PinName<"espruino-pico"> = "b2";
// @ts-expect-error D4 is a NodeMCU name, not a Pico pin
export const picoForeignPin: PinName<"espruino-pico"> = "D4";
export const picoLeds: LedName<"espruino-pico">[] = ["LED1", "LED2"];
// @ts-expect-error the Pico has two LEDs
export const picoLed3: LedName<"espruino-pico"> = "LED3";
export const picoAdc: PinWith<"espruino-pico", "adc"> = "A4";
// @ts-expect-error A4 has no hardware PWM on the STM32F401
export const picoPwmOnA4: PinWith<"espruino-pico", "pwm"> = "A4";
export const picoUarts: UartId<"espruino-pico">[] = ["USB", "Serial1", "Serial2"];
// @ts-expect-error the Pico's ports are USB and SerialN, not uartN
export const picoUart0: UartId<"espruino-pico"> = "uart0";

// Puck.js
export const puckPins: PinName<"puck-js">[] = ["D28", "D29", "D31"];
export const puckLeds: LedName<"puck-js">[] = ["LED1", "LED2", "LED3"];
export const puckButton: ButtonName<"puck-js"> = "BTN1";
export const puckConsole: UartId<"puck-js"> = "Bluetooth";

// ESP32 running Espruino: D34-D39 read analog but cannot drive PWM.
export const esp32Adc: PinWith<"esp32-espruino", "adc"> = "D34";
// @ts-expect-error D34 is input-only
export const esp32PwmOnInput: PinWith<"esp32-espruino", "pwm"> = "D34";
// @ts-expect-error GPIO6-11 belong to the flash and are not in the board file
export const esp32FlashPin: PinName<"esp32-espruino"> = "D6";

// NodeMCU ESP8266: dev kit names, D0 without interrupt.
export const esp8266Pins: PinName<"nodemcu-esp8266">[] = ["D0", "D4", "D8", "RX", "TX", "A0"];
export const esp8266Leds: LedName<"nodemcu-esp8266">[] = ["LED1", "LED2"];
export const esp8266Uart: UartId<"nodemcu-esp8266"> = "uart0";
// @ts-expect-error only uart0 receives on an ESP8266; uart1 is not a board UART
export const esp8266Uart1: UartId<"nodemcu-esp8266"> = "uart1";
// @ts-expect-error the ESP8266 board names pins D0..D8, not GPIOn
export const esp8266GpioName: PinName<"nodemcu-esp8266"> = "GPIO2";
watch("nodemcu-esp8266", "D1");
// @ts-expect-error pin 0 (D0, GPIO16) has no interrupt
watch("nodemcu-esp8266", "D0");

// NodeMCU ESP32: GPIO numbers as names.
export const esp32NodeMcuPins: PinName<"nodemcu-esp32">[] = ["GPIO0", "GPIO2", "GPIO36", "GPIO39"];
export const esp32NodeMcuUarts: UartId<"nodemcu-esp32">[] = ["uart0", "uart2"];
watch("nodemcu-esp32", "GPIO36");
// @ts-expect-error the Espruino name of the same pin is not a NodeMCU name
watch("nodemcu-esp32", "D36");

// Boards by target.
export const luaBoards: BoardOn<"nodemcu">[] = ["nodemcu-esp8266", "nodemcu-esp32"];
// @ts-expect-error Puck.js runs Espruino, not NodeMCU
export const puckAsLua: BoardOn<"nodemcu"> = "puck-js";
// @ts-expect-error there is no such board file
export const unknownBoard: BoardId = "arduino-uno";
