import type { NightFigure } from '../../common/protocol.js';

/**
 * Nights go out only for the stations whose figure changed (issue 13: the complete list was half of
 * every delta). Remembers what the last delta said per station; a snapshot always has them all.
 */
export class NightDiff {
  private readonly sent = new Map<string, NightFigure>();

  changed(all: readonly NightFigure[]): NightFigure[] {
    const out: NightFigure[] = [];
    for (const n of all) {
      const last = this.sent.get(n.sensorId);
      if (last && last.night === n.night && last.minTempC === n.minTempC && last.tropical === n.tropical && last.complete === n.complete) continue;
      this.sent.set(n.sensorId, { ...n });
      out.push(n);
    }
    return out;
  }
}
