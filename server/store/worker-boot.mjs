// Boots a worker thread written in TypeScript: registers tsx in this thread when the entry is a .ts
// file (the server runs through tsx; its loader does not reach worker threads), then loads the entry.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
