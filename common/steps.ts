/**
 * Work written as a generator that yields between parts (a columnar encoding, the JSON text of many sensors), so a
 * caller may let the event loop turn between them (server/ingest/yielding.ts, runStepsYielding) or run it at once.
 */
export type Steps<R> = Generator<void, R, void>;

/** Runs the steps to their end, at once: their result. */
export function runSteps<R>(steps: Steps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
