import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import type { PastState, PastStateColumns } from '../../common/history.js';
import { KpiAccumulator } from '../../common/kpis.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import type { SensorProperties } from '../../common/sensors.js';
import { worstLinks } from '../../common/traffic-ranking.js';
import { concatBlocks, encodeBlocks, gatherBlock, registryFingerprint, type KindBlock } from '../../common/wire/columns.js';
import { sliceYielder } from '../ingest/yielding.js';
import type { SensorIndex } from '../registry.js';

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
  private made: { fingerprint: string; properties: ReadonlyMap<string, SensorProperties> } | null = null;

  constructor(private readonly sensors: SensorIndex) {}

  async encode(state: PastState): Promise<PastStateColumns> {
    const made = (this.made ??= {
      fingerprint: registryFingerprint(this.sensors.registry.features.map((f) => f.id)),
      properties: new Map([...this.sensors.byId].map(([id, f]) => [id, f.properties])),
    });
    const { entries, ...rest } = state;
    const breathe = sliceYielder();
    const kpis = new KpiAccumulator(made.properties);
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
    const blocks: KindBlock[] = [];
    for (const [kind, list] of byKind) {
      const parts: KindBlock[] = [];
      for (let i = 0; i < list.length; i += SLICE) {
        parts.push(gatherBlock(kind, list.slice(i, i + SLICE), (id) => this.sensors.slotOf(id)));
        await breathe();
      }
      blocks.push(concatBlocks(kind, parts));
    }
    const packed = await deflateRawAsync(encodeBlocks(blocks), { level: 1 });
    return {
      ...rest,
      registry: made.fingerprint,
      compression: 'deflate-raw',
      columns: packed.toString('base64'),
      kpis: kpis.result(),
      worstLinks: worstLinks(byKind.get('traffic') ?? [], made.properties, state.at, 5),
    };
  }
}
