import type { SourceStats } from './ingest/source-stats.js';
import { redactText } from './redact.js';
// `link.since` is stamped on the steady clock, so its age is measured on it too.
import { steadyNow } from './steady-clock.js';

/** One check's verdict; `reason` says what is wrong in a few words an operator can act on. */
export interface CheckResult {
  ok: boolean;
  reason?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** `name: reason` of every failing check */
  reasons: string[];
}

/**
 * What GET /api/health reports beyond "the process answers": parts of the server register a check
 * (a feed's link, the history store keeping up), and the report is `degraded` with the reasons while
 * any check fails. Checks run on every request, so they must only read state, never do I/O.
 */
export class HealthChecks {
  private readonly checks = new Map<string, () => CheckResult>();

  register(name: string, check: () => CheckResult): void {
    if (this.checks.has(name)) throw new Error(`health check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  run(): HealthReport {
    const reasons: string[] = [];
    for (const [name, check] of this.checks) {
      let result: CheckResult;
      try {
        result = check();
      } catch (err) {
        result = { ok: false, reason: `check failed: ${(err as Error).message}` };
      }
      if (!result.ok) reasons.push(redactText(`${name}: ${result.reason ?? 'failing'}`));
    }
    return { status: reasons.length === 0 ? 'ok' : 'degraded', reasons };
  }
}

/**
 * What GET /api/ready waits for before a load balancer may send traffic: each condition is a
 * predicate (store opened, listening, first tick sent), read on every request.
 */
export class Readiness {
  private readonly conditions = new Map<string, () => boolean>();

  require(name: string, isMet: () => boolean): void {
    this.conditions.set(name, isMet);
  }

  /** names of the conditions not met yet; empty when ready */
  pending(): string[] {
    return [...this.conditions].filter(([, isMet]) => !safely(isMet)).map(([name]) => name);
  }
}

function safely(isMet: () => boolean): boolean {
  try {
    return isMet();
  } catch {
    return false;
  }
}

/** A feed may take this long to connect or finish its first poll before health counts it as down. */
export const FEED_STARTUP_GRACE_MS = 30_000;

/**
 * A configured feed's link as a health check: `up` is healthy; `down` is not; `connecting` is healthy
 * only during the first grace period after start-up (a reconnect after a failure carries the failure's
 * detail and counts as down, so a flapping link does not read as healthy between attempts).
 */
export function feedLinkCheck(stats: SourceStats, source: string, now: () => number = steadyNow): () => CheckResult {
  return () => {
    const link = stats.snapshot()[source]?.link;
    if (!link || link.state === 'up') return { ok: true };
    const forS = Math.round((now() - link.since) / 1000);
    if (link.state === 'connecting' && !link.detail) {
      return now() - link.since < FEED_STARTUP_GRACE_MS ? { ok: true } : { ok: false, reason: `connecting for ${forS} s` };
    }
    return { ok: false, reason: `link ${link.state}${link.detail ? ` (${link.detail})` : ''} since ${forS} s` };
  };
}
