/**
 * How long `work` held the event loop: the longest gap between 5 ms timer ticks while it ran (the
 * tail after its last tick included), and how long it took. For tests and benches of work meant to
 * stay off the server's thread.
 */
export async function measureStall(work: () => Promise<unknown>): Promise<{ longestMs: number; tookMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 5);
  const t0 = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  return { longestMs: Math.max(longest, end - last), tookMs: end - t0 };
}
