import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import type { PastState, PastStateColumns } from '../../common/history.js';
import { KpiAccumulator } from '../../common/kpis.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import type { SensorProperties } from '../../common/sensors.js';
import { worstLinks } from '../../common/traffic-ranking.js';
import { encodeBlocks, gatherBlock, type KindBlock } from '../../common/wire/columns.js';
import { sliceYielder } from '../ingest/yielding.js';
import type { RegistryIndex } from '../stream/registry-index.js';

const deflateRawAsync = promisify(deflateRaw);
/** Entries gathered into columns per step: a few ms of the event loop each. */
const SLICE = 5000;

/**
 * A past state in the columnar form (pastStateColumnsSchema): its entries as the live stream's columns,
 * compressed in zlib's thread pool, with the KPIs and worst links counted here from every entry (the page
 * keeps generated sensors in columns, not as entries it could count). At SCALE=100000 that is 100,000 entries:
 * counted and gathered a slice at a time, yielding between slices, as encodeColumns and computeKpis would in one piece.
 */
export class PastStateColumnsEncoder {
  /** `registry`: the live stream's, so the indices and fingerprint are those its columnar clients hold */
  constructor(
    private readonly registry: RegistryIndex,
    private readonly properties: ReadonlyMap<string, SensorProperties>,
  ) {}

  async encode(state: PastState): Promise<PastStateColumns> {
    const { entries, ...rest } = state;
    const breathe = sliceYielder();
    const kpis = new KpiAccumulator(this.properties);
    const byKind = new Map<SensorKind, LiveEntry[]>();
    for (let i = 0; i < entries.length; i += SLICE) {
      for (const e of entries.slice(i, i + SLICE)) {
        kpis.add(e, state.at);
        const list = byKind.get(e.reading.kind);
        if (list) list.push(e);
        else byKind.set(e.reading.kind, [e]);
      }
      await breathe();
    }
    // a kind in blocks of a slice each: encodeBlocks writes them as one
    const blocks: KindBlock[] = [];
    for (const [kind, list] of byKind) {
      for (let i = 0; i < list.length; i += SLICE) {
        blocks.push(gatherBlock(kind, list.slice(i, i + SLICE), this.registry.indexOf));
        await breathe();
      }
    }
    const packed = await deflateRawAsync(encodeBlocks(blocks), { level: 1 });
    return {
      ...rest,
      registry: this.registry.fingerprint,
      compression: 'deflate-raw',
      columns: packed.toString('base64'),
      kpis: kpis.result(),
      worstLinks: worstLinks(byKind.get('traffic') ?? [], this.properties, state.at, 5),
    };
  }
}
