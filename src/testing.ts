// flagpoll/testing: run firmware tasks on the host, in virtual time, with a trace.

export { Host, HostPlatform } from './targets/host/platform.ts';
