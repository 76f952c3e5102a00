import { describe, expect, it } from 'vitest';
import { capCheck } from './connection-guard.js';

/** sizes in MB, against a cap of 8 MB (SOCKET_MAX_BUFFERED_BYTES' default) */
const CAP = 8;

describe('capCheck: the send-buffer cap bounds a backlog, not one message', () => {
  it.each([
    { name: 'a delta onto an empty buffer', waiting: 0, bytes: 0.1, oversized: 0, drop: false, next: 0 },
    { name: 'a backlog that passes the cap', waiting: 7.95, bytes: 0.1, oversized: 0, drop: true, next: 0 },
    { name: 'already over the cap', waiting: 9, bytes: 0.001, oversized: 0, drop: true, next: 0 },
    { name: 'a 25 MB JSON snapshot onto an empty buffer', waiting: 0, bytes: 25, oversized: 0, drop: false, next: 25 },
    { name: 'the next delta while ws still holds the snapshot whole (deflating)', waiting: 25, bytes: 0.1, oversized: 25, drop: false, next: 25 },
    { name: 'a delta once the snapshot went out deflated (1.5 MB in the socket)', waiting: 1.5, bytes: 0.1, oversized: 25, drop: false, next: 0 },
    { name: 'a backlog beside the held snapshot', waiting: 25 + 7.95, bytes: 0.1, oversized: 25, drop: true, next: 25 },
    { name: 'a second snapshot while the first is held: not reading', waiting: 25, bytes: 25, oversized: 25, drop: true, next: 25 },
    { name: 'a large message onto a backlog over the cap', waiting: 8.5, bytes: 25, oversized: 0, drop: true, next: 25 },
  ])('$name', ({ waiting, bytes, oversized, drop, next }) => {
    expect(capCheck(waiting, bytes, CAP, oversized)).toEqual({ drop, oversized: next });
  });
});
