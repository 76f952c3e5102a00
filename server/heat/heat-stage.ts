import type { DistrictHeatSum } from '../../common/models/district-heat.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import { sliceYielder } from '../pipeline/pending-batch.js';
import { nextTurn } from '../ingest/yielding.js';
import type { Stage, TickContext } from '../pipeline/stage.js';
import type { ChangedRows } from '../state/changed-rows.js';
import type { LiveState } from '../state/live-state.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { HeatMonitor } from './heat-monitor.js';

/**
 * Derives the heat figures when climate readings arrive: district figures and night minima
 * (HeatMonitor), offered to the stream as channels and recorded in the history as district samples.
 * Heat alerts come from the alert stage (server/alerts/alert-stage.ts), which runs after this one.
 */
export class HeatStage implements Stage {
  readonly name = 'heat';
  readonly districts: FlaggedChannel<'districts'>;
  readonly nights: FlaggedChannel<'nights'>;
  readonly nightCount: FlaggedChannel<'nightCount'>;

  private readonly everyMs: number;
  private readonly now: () => number;
  /** climate readings arrived since the surface was last computed */
  private pending = false;
  private lastSurfaceAt = -Infinity;
  private readonly sliceMs: number | undefined;
  /** counts reset(): a surface summed across one belongs to the old city and is dropped */
  private generation = 0;

  /**
   * @param options.everyMs least wall time between two surfaces (HEAT_SURFACE_EVERY_MS): 0 computes it on
   *   every tick with a climate reading; a city of thousands of stations computes it on its own cadence
   *   and readings in between are taken up by the next one. Night minima take every reading at once.
   * @param options.now the wall clock for that cadence (steady, ms)
   * @param options.sliceMs sum the surface's cells in slices of about this long, with a turn of the event loop
   *   between them (tick returns a promise then): 15,000 stations at SCALE made a surface of 30–230 ms in one
   *   piece on a loaded machine. Without it the surface is summed at once (headless recordings).
   */
  constructor(
    private readonly heat: HeatMonitor,
    private readonly state: LiveState,
    private readonly history: HistorySink,
    options: { everyMs?: number; now?: () => number; sliceMs?: number } = {},
  ) {
    this.districts = new FlaggedChannel('districts', () => heat.districts());
    // a delta's nights: only the stations whose figure changed (the stream leaves out what it sent already)
    this.nights = new FlaggedChannel('nights', () => heat.nights(), () => heat.changedNights());
    this.nightCount = new FlaggedChannel('nightCount', () => heat.nightCount(), undefined, (a, b) => a?.stations === b?.stations && a?.tropical === b?.tropical);
    this.everyMs = options.everyMs ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.sliceMs = options.sliceMs;
  }

  /** After the monitor was reset: compute the next surface at once and send both channels (empty until then). */
  reset(): void {
    this.generation += 1;
    this.pending = true;
    this.lastSurfaceAt = -Infinity;
    this.districts.mark();
    this.nights.mark();
    this.nightCount.mark();
  }

  tick(ctx: TickContext): void | Promise<void> {
    const generated = ctx.generated?.has('climate') ? ctx.generated : null;
    const climate = generated !== null || ctx.entries.some((e) => e.reading.kind === 'climate');
    if (climate && this.sliceMs !== undefined && ctx.entries.length + (generated?.size ?? 0) > NOTE_PART_ENTRIES) return this.noteInParts(ctx, generated, this.sliceMs);
    if (climate) {
      this.heat.noteReadings(ctx.entries);
      if (generated) this.noteGenerated(generated);
    }
    return this.afterNoted(ctx, climate);
  }

  /**
   * The night minima take the tick's readings in parts with a turn of the event loop between them: at SCALE_RATE=1
   * a tick holds 100,000 changes, 15,000 of them climate readings (40–75 ms in one piece on the shared box).
   */
  private async noteInParts(ctx: TickContext, generated: ChangedRows | null, sliceMs: number): Promise<void> {
    const afterSlice = sliceYielder(sliceMs);
    for (let from = 0; from < ctx.entries.length; from += NOTE_PART_ENTRIES) {
      this.heat.noteReadings(ctx.entries, from, from + NOTE_PART_ENTRIES);
      await afterSlice();
    }
    for (let from = 0; generated && from < generated.size; from += NOTE_PART_ENTRIES) {
      this.noteGenerated(generated, from, from + NOTE_PART_ENTRIES);
      await afterSlice();
    }
    await this.afterNoted(ctx, true);
  }

  /** The generated stations' air temperatures from the columns, without an entry each. */
  private noteGenerated(rows: ChangedRows, from?: number, to?: number): void {
    rows.forEachNumber('climate', 'airTempC', (sensorId, ts, airTempC) => airTempC !== null && this.heat.noteAirTemp(sensorId, ts, airTempC), from, to);
  }

  private afterNoted(ctx: TickContext, climate: boolean): void | Promise<void> {
    if (climate) {
      this.nights.mark();
      this.nightCount.mark();
      this.pending = true;
    }
    if (!this.pending) return;
    const now = this.now();
    if (now - this.lastSurfaceAt < this.everyMs) return;
    this.pending = false;
    this.lastSurfaceAt = now;
    if (this.sliceMs === undefined) {
      const sum = this.heat.surfaceOf(this.stationSamples());
      sum.add(Infinity);
      return this.apply(sum, ctx.cityTime);
    }
    return this.sliced(this.sliceMs, ctx.cityTime);
  }

  /** The stations' UTCI straight from the live state's columns, no entry built. */
  private stationSamples() {
    return this.heat.samplesOf((visit) => this.state.forEachNumber('climate', 'derived.utciC', visit));
  }

  /**
   * The surface with a turn of the event loop before reading the stations (the night minima took the tick's
   * readings), after it, after building their grid and between slices of cells. The stations are read as the
   * state holds them then, readings that arrived meanwhile included, as the next surface would have them.
   */
  private async sliced(sliceMs: number, cityTime: number): Promise<void> {
    const generation = this.generation;
    await nextTurn();
    const samples = this.stationSamples();
    await nextTurn();
    const sum = this.heat.surfaceOf(samples);
    await nextTurn();
    await sumInSlices(sum, sliceMs);
    if (generation === this.generation) this.apply(sum, cityTime);
  }

  private apply(sum: DistrictHeatSum, cityTime: number): void {
    this.heat.applySurface(sum, cityTime);
    this.districts.mark();
    for (const d of this.heat.districts()) {
      this.history.sample({
        kind: 'district',
        id: d.districtId,
        t: cityTime,
        values: {
          meanUtciC: d.meanUtciC,
          maxUtciC: d.maxUtciC,
          shareStrongOrWorse: d.shareStrongOrWorse,
          ...(d.shareModerateOrWorse !== undefined && { shareModerateOrWorse: d.shareModerateOrWorse }),
          ...(d.shareVeryStrongOrWorse !== undefined && { shareVeryStrongOrWorse: d.shareVeryStrongOrWorse }),
          hoursHeatStressToday: d.hoursHeatStressToday,
        },
      });
    }
  }
}

/** Entries the night minima take between two looks at the clock. */
const NOTE_PART_ENTRIES = 5_000;

/** Cells summed between two looks at the clock (a cell is 32 nearest stations, a few µs). */
const CELLS_PER_LOOK = 64;

/** Sums every cell, yielding to the event loop whenever a slice took `sliceMs`. */
async function sumInSlices(sum: DistrictHeatSum, sliceMs: number): Promise<void> {
  const afterSlice = sliceYielder(sliceMs);
  while (!sum.done) {
    sum.add(CELLS_PER_LOOK);
    if (!sum.done) await afterSlice();
  }
}
