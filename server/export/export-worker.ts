import { parentPort, workerData } from 'node:worker_threads';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { jsonSlices } from '../http/json-in-slices.js';
import { loadSensorIndex, withGeneratedSensors, type SensorIndex } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
import { SqliteHistoryStore } from '../store/sqlite-store.js';
import { CsvColumns, historyCsvParts, type CsvSeries } from './csv.js';
import { sensorOfKind, sensorStateCollection } from './geojson.js';
import { CHUNKS_AHEAD, SENSORS_PER_READ, type CsvExportJob, type ExportReply, type ExportRequest, type ExportThreadData, type GeoJsonExportJob } from './export-protocol.js';

/**
 * The export thread: reads a kind's history (CSV) or state (GeoJSON) from its own SQLite connection and makes the
 * file's text, handing it to the main thread in chunks. At SCALE a climate CSV is 15,000 series and a parking GeoJSON
 * 75,000 features; read and made on the event loop they held it 56-309 ms at a time, most of it the garbage
 * collector of what was read and single lookups waiting inside SQLite. Here both happen in this thread's heap and
 * connection; the main thread only writes bytes.
 */
const data = workerData as ExportThreadData;
const store = new SqliteHistoryStore(data.file);
const port = parentPort!;

/** Characters of text per chunk sent. */
const CHUNK_CHARS = 256 * 1024;

/** The registry as the server made it, made here at the first GeoJSON export (the CSV needs ids only). */
let registry: SensorIndex | null = null;
function sensors(): SensorIndex {
  if (!registry) {
    const generated = data.scale.sensors > 0 ? generateScaleCity(data.scale.sensors, data.scale.seed, loadScaleGeometry()) : [];
    registry = withGeneratedSensors(loadSensorIndex(), generated);
  }
  return registry;
}

interface Flow {
  credits: number;
  cancelled: boolean;
  wake: (() => void) | null;
}
const flows = new Map<number, Flow>();
const encoder = new TextEncoder();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const reply = (r: ExportReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);
const failure = (id: number, err: unknown): ExportReply => ({ id, error: err instanceof Error ? err.message : String(err) });

port.on('message', (req: ExportRequest) => {
  switch (req.op) {
    case 'count':
      void count(req.id, req);
      return;
    case 'csv':
      void send(req.id, csvText(req));
      return;
    case 'geojson':
      void send(req.id, geoJsonText(req));
      return;
  }
  const flow = flows.get(req.id);
  if (!flow) return;
  if (req.op === 'more') flow.credits += 1;
  else flow.cancelled = true;
  flow.wake?.();
});

async function count(id: number, job: CsvExportJob): Promise<void> {
  try {
    let rows = 0;
    for (let i = 0; i < job.ids.length; i += SENSORS_PER_READ) {
      rows += await store.countPointsMany(job.run, job.kind, job.ids.slice(i, i + SENSORS_PER_READ), job.from, job.to, job.step);
      await turn();
    }
    reply({ id, rows });
  } catch (err) {
    reply(failure(id, err));
  }
}

async function* csvText(job: CsvExportJob): AsyncGenerator<string> {
  const series: CsvSeries[] = [];
  const columns = new CsvColumns();
  for (let i = 0; i < job.ids.length; i += SENSORS_PER_READ) {
    const ids = job.ids.slice(i, i + SENSORS_PER_READ);
    const points = await store.seriesMany(job.run, job.kind, ids, job.from, job.to, job.step);
    ids.forEach((sensorId, k) => {
      series.push({ sensorId, points: points[k]! });
      columns.add(points[k]!);
    });
    // other files' requests and credits come in between
    await turn();
  }
  yield* historyCsvParts(series, columns);
}

function geoJsonText(job: GeoJsonExportJob): AsyncGenerator<string> {
  const index = sensors();
  const picked = job.ids === null ? null : new Map(job.ids.map((id) => [id, sensorOfKind(index.get(id), job.kind)!]));
  const list = picked ? [...picked.values()] : index.ofKind(job.kind);
  const sensorOf = picked ? (id: string) => picked.get(id) : (id: string) => sensorOfKind(index.get(id), job.kind);
  const pages = store.stateAtPages(job.run, job.at, (kind) => STALE_AFTER_MS[kind], [job.kind]);
  return jsonSlices(sensorStateCollection(list, sensorOf, pages, job.at), 'features');
}

/** Sends the text in chunks, each when the main thread has room for it, until it ends or is no longer wanted. */
async function send(id: number, text: AsyncIterable<string>): Promise<void> {
  const flow: Flow = { credits: CHUNKS_AHEAD, cancelled: false, wake: null };
  flows.set(id, flow);
  const chunk = async (t: string): Promise<boolean> => {
    while (flow.credits === 0 && !flow.cancelled) await new Promise<void>((resolve) => (flow.wake = resolve));
    flow.wake = null;
    if (flow.cancelled) return false;
    flow.credits -= 1;
    const bytes = encoder.encode(t);
    reply({ id, chunk: bytes }, [bytes.buffer as ArrayBuffer]);
    return true;
  };
  /** true when the whole text went out, false when the file was given up on the way */
  const whole = async (): Promise<boolean> => {
    let pending = '';
    for await (const part of text) {
      if (flow.cancelled) return false;
      pending += part;
      if (pending.length < CHUNK_CHARS) continue;
      if (!(await chunk(pending))) return false;
      pending = '';
    }
    return pending.length === 0 || chunk(pending);
  };
  try {
    reply((await whole()) ? { id, done: true } : { id, stopped: true });
  } catch (err) {
    reply(failure(id, err));
  } finally {
    flows.delete(id);
  }
}
