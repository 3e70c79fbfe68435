import type { Random } from './random';

/** A MAC address as e-bidding clients record it: 00-1A-2B-3C-4D-5E. */
export const drawMac = (rnd: Random) =>
  rnd
    .hex(12)
    .replace(/(..)(?!$)/g, '$1-')
    .toUpperCase();

/**
 * A bid file's fingerprint as the e-bidding client records it (machine code, MAC, IP, file
 * hash), drawn in that order; a `machineCode` given (a machine the bidders share) draws none.
 */
export const drawFingerprint = (rnd: Random, machineCode?: string) => ({
  machineCode: machineCode ?? rnd.hex(16).toUpperCase(),
  macAddress: drawMac(rnd),
  ipAddress: `10.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`,
  fileHash: rnd.hex(64),
});
