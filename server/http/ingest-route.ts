import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Ingest } from '../ingest/ingest.js';
import type { RejectReason } from '../ingest/source-stats.js';
import { apiKeyChecker } from './api-key.js';

export const HTTP_SOURCE = 'http';

/** The answer for one item of the posted array, in the order of the request. */
export type IngestItemResult =
  | { index: number; status: 'accepted' | 'duplicate' | 'outdated' }
  | { index: number; status: 'rejected'; reason: RejectReason; detail: string };

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  outdated: number;
  rejected: number;
  results: IngestItemResult[];
}

export interface IngestRouteDeps {
  ingest: Ingest;
  /** none: the endpoint answers 503, so an unconfigured server accepts nothing */
  apiKeys: readonly string[];
  maxBytes: number;
}

/**
 * POST /api/ingest: a JSON array of readings with an `X-API-Key` header. 503 without configured keys,
 * 401 for a missing or wrong key, 413 over the size limit, 400 for a body that is not a JSON array;
 * otherwise 200 with one result per item. Every refusal is counted under the `http` source.
 */
export function ingestRoute(d: IngestRouteDeps): Router {
  const r = Router();
  const { ingest } = d;
  const keyOk = apiKeyChecker(d.apiKeys);
  if (d.apiKeys.length > 0) ingest.stats.register(HTTP_SOURCE);

  const refuse = (res: express.Response, status: number, reason: RejectReason, error: string, message: string) => {
    ingest.refuse(HTTP_SOURCE, reason, message, { remote: res.req.ip });
    res.status(status).json({ error, message });
  };

  const authorise: RequestHandler = (req, res, next) => {
    if (d.apiKeys.length === 0) {
      res.status(503).json({ error: 'ingest_disabled', message: 'HTTP ingest is off: no INGEST_API_KEYS configured' });
      return;
    }
    if (!keyOk(req.get('x-api-key'))) {
      refuse(res, 401, 'unauthorized', 'unauthorized', 'missing or invalid X-API-Key');
      return;
    }
    next();
  };

  // The key is checked before the body is read, so an unauthorised client cannot make the server buffer 1 MB.
  const readBody = express.raw({ type: () => true, limit: d.maxBytes });

  const bodyErrors: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.type === 'entity.too.large') return refuse(res, 413, 'too_large', 'too_large', `body exceeds ${d.maxBytes} bytes`);
    if (err.status && err.status >= 400 && err.status < 500) return refuse(res, 400, 'malformed', 'malformed', 'unreadable request body');
    next(err);
  };

  const accept: RequestHandler = (req, res) => {
    const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return refuse(res, 400, 'malformed', 'malformed', `body is not JSON: ${(err as Error).message.slice(0, 200)}`);
    }
    if (!Array.isArray(body)) return refuse(res, 400, 'invalid', 'malformed', 'body must be a JSON array of readings');

    const answer: IngestResponse = { accepted: 0, duplicates: 0, outdated: 0, rejected: 0, results: [] };
    body.forEach((item, index) => {
      const outcome = ingest.submit(item, HTTP_SOURCE);
      if (outcome.status === 'rejected') {
        answer.rejected += 1;
        answer.results.push({ index, status: 'rejected', reason: outcome.reason, detail: outcome.detail });
      } else {
        if (outcome.status === 'accepted') answer.accepted += 1;
        else if (outcome.status === 'duplicate') answer.duplicates += 1;
        else answer.outdated += 1;
        answer.results.push({ index, status: outcome.status });
      }
    });
    res.json(answer);
  };

  r.post('/', authorise, readBody, accept, bodyErrors);
  r.all('/', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'method_not_allowed', message: 'POST a JSON array of readings' });
  });
  return r;
}
