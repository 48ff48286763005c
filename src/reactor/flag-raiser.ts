// What interrupt-side code may call: raise a wake flag. Nothing else.

export interface FlagRaiser {
  /** Set wake flag `flag` and tell the platform the main loop has work. */
  raise(flag: number): void;
}
