import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import type { KindColumns } from '../../../common/wire/columns.js';
import { KIND_SPECS } from '../../../common/wire/kind-fields.js';

/**
 * The live numbers of every sensor in registry order, one Float64Array per value column (NaN: no
 * reading yet), written straight from the decoded columnar messages. Layers that draw from typed
 * arrays (deck.gl binary attributes) read these instead of walking entry objects.
 */
export interface KindArrays {
  /** registry positions of this kind's sensors */
  readonly positions: Uint32Array;
  /** per value column (names as in common/wire/kind-fields.ts), indexed by registry position */
  readonly num: Record<string, Float64Array>;
  /** reading time per registry position, epoch ms (NaN: none) */
  readonly ts: Float64Array;
}

export class LiveColumns {
  readonly kinds: Record<SensorKind, KindArrays>;

  constructor(readonly ids: readonly string[], kindOf: (index: number) => SensorKind | undefined) {
    const nan = () => new Float64Array(ids.length).fill(NaN);
    this.kinds = Object.fromEntries(
      SENSOR_KINDS.map((kind) => {
        const positions = Uint32Array.from(ids.flatMap((_, i) => (kindOf(i) === kind ? [i] : [])));
        const num = Object.fromEntries(KIND_SPECS[kind].fields.filter((f) => f.type !== 'str').map((f) => [f.col, nan()]));
        return [kind, { positions, num, ts: nan() }];
      }),
    ) as Record<SensorKind, KindArrays>;
  }

  /** A snapshot replaces everything: forget what is not in it. */
  clear(): void {
    for (const k of SENSOR_KINDS) {
      const a = this.kinds[k];
      a.ts.fill(NaN);
      for (const col of Object.values(a.num)) col.fill(NaN);
    }
  }

  apply(cols: KindColumns): void {
    const a = this.kinds[cols.kind];
    const { index, n } = cols;
    for (let i = 0; i < n; i++) a.ts[index[i]] = cols.ts[i];
    for (const [name, target] of Object.entries(a.num)) {
      const src = cols.num[name];
      if (src) for (let i = 0; i < n; i++) target[index[i]] = src[i];
    }
  }
}
