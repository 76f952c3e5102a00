import { parentPort, workerData } from 'node:worker_threads';
import { SqliteHistoryStore } from '../store/sqlite-store.js';
import { CsvColumns, historyCsvParts, type CsvSeries } from './csv.js';
import { CHUNKS_AHEAD, type CsvExportJob, type CsvExportReply, type CsvExportRequest } from './csv-export-protocol.js';

/**
 * The CSV export thread: reads a kind's series from its own SQLite connection and makes the file's text, handing
 * it to the main thread in chunks. At SCALE a climate file is 15,000 series; read and made on the event loop it held
 * it 56-245 ms at a time, most of it the garbage collector of what was read and single lookups waiting inside SQLite.
 * Here both happen in this thread's heap and connection; the main thread only writes bytes.
 */
const store = new SqliteHistoryStore((workerData as { file: string }).file);
const port = parentPort!;

/** Sensors read in one read transaction (as the route on the main thread reads them). */
const SENSORS_PER_READ = 200;
/** Characters of text per chunk sent. */
const CHUNK_CHARS = 256 * 1024;

interface Flow {
  credits: number;
  cancelled: boolean;
  wake: (() => void) | null;
}
const flows = new Map<number, Flow>();
const encoder = new TextEncoder();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

port.on('message', (req: CsvExportRequest) => {
  if (req.op === 'csv') {
    void make(req.id, req);
    return;
  }
  if (req.op === 'count') {
    void count(req.id, req);
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
    port.postMessage({ id, rows } satisfies CsvExportReply);
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies CsvExportReply);
  }
}

async function make(id: number, job: CsvExportJob): Promise<void> {
  const flow: Flow = { credits: CHUNKS_AHEAD, cancelled: false, wake: null };
  flows.set(id, flow);
  const reply = (r: CsvExportReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);
  /** sends a chunk when the main thread has room for one; false when the file is no longer wanted */
  const send = async (text: string): Promise<boolean> => {
    while (flow.credits === 0 && !flow.cancelled) await new Promise<void>((resolve) => (flow.wake = resolve));
    flow.wake = null;
    if (flow.cancelled) return false;
    flow.credits -= 1;
    const chunk = encoder.encode(text);
    reply({ id, chunk }, [chunk.buffer as ArrayBuffer]);
    return true;
  };
  try {
    const series: CsvSeries[] = [];
    const columns = new CsvColumns();
    for (let i = 0; i < job.ids.length; i += SENSORS_PER_READ) {
      if (flow.cancelled) return;
      const ids = job.ids.slice(i, i + SENSORS_PER_READ);
      const points = await store.seriesMany(job.run, job.kind, ids, job.from, job.to, job.step);
      ids.forEach((sensorId, k) => {
        series.push({ sensorId, points: points[k]! });
        columns.add(points[k]!);
      });
      // another file's requests and credits come in between
      await turn();
    }
    let pending = '';
    for (const part of historyCsvParts(series, columns)) {
      pending += part;
      if (pending.length < CHUNK_CHARS) continue;
      if (!(await send(pending))) return;
      pending = '';
    }
    if (pending.length > 0 && !(await send(pending))) return;
    reply({ id, done: true });
  } catch (err) {
    reply({ id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    flows.delete(id);
  }
}
