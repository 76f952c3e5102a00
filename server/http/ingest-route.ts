import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { countArrayItems } from '../ingest/batch-size.js';
import type { Ingest } from '../ingest/ingest.js';
import { clip } from '../ingest/safe-text.js';
import type { RejectReason } from '../ingest/source-stats.js';
import { mapYielding } from '../ingest/yielding.js';
import { apiKeyChecker } from './api-key.js';
import { classifyHttpError } from './error-handler.js';

export const HTTP_SOURCE = 'http';

/** Most readings one POST may carry (413 above): enough for every sensor of the city several times over. */
export const INGEST_MAX_ITEMS = 5000;

/** The answer for one item of the posted array, in the order of the request. */
export type IngestItemResult =
  | { index: number; status: 'accepted' | 'corrected' | 'duplicate' | 'outdated' }
  | { index: number; status: 'rejected'; reason: RejectReason; detail: string };

export interface IngestResponse {
  accepted: number;
  corrected: number;
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
  /** default INGEST_MAX_ITEMS */
  maxItems?: number;
  /** whether the request carries an `ingest`-scoped token (Authorization: Bearer, checked by server/auth), accepted besides the keys */
  tokenAccepted?: (res: express.Response) => boolean;
}

/** `application/json`, with no charset or UTF-8 (JSON is UTF-8: RFC 8259). */
function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * POST /api/ingest: a JSON array of readings with an `X-API-Key` header. 503 without configured keys,
 * 401 for a missing or wrong key, 415 without `Content-Type: application/json`, 413 over the size or
 * item limit, 400 for a body that is not a JSON array; otherwise 200 with one result per item.
 * Every refusal is counted under the `http` source, once per request; every item of a 200 once.
 *
 * The whole batch is validated before any of it is applied, and both passes run in slices that yield
 * to the event loop, so a large batch never holds the server for more than a few milliseconds at once.
 */
export function ingestRoute(d: IngestRouteDeps): Router {
  const r = Router();
  const { ingest } = d;
  const maxItems = d.maxItems ?? INGEST_MAX_ITEMS;
  const keyOk = apiKeyChecker(d.apiKeys);
  if (d.apiKeys.length > 0) ingest.stats.register(HTTP_SOURCE);

  const refuse = (res: express.Response, status: number, reason: RejectReason, error: string, detail: string) => {
    ingest.refuse(HTTP_SOURCE, reason, detail, { remote: res.req.ip });
    res.status(status).json({ error, detail });
  };

  const authorise: RequestHandler = (req, res, next) => {
    if (d.tokenAccepted?.(res)) return next();
    if (d.apiKeys.length === 0) {
      res.status(503).json({ error: 'ingest_disabled', detail: 'HTTP ingest is off: no INGEST_API_KEYS configured' });
      return;
    }
    if (!keyOk(req.get('x-api-key'))) return refuse(res, 401, 'unauthorized', 'unauthorized', 'missing or invalid X-API-Key');
    next();
  };

  // Before the body is read, like the key: a wrong type costs the server no buffering.
  const requireJson: RequestHandler = (req, res, next) => {
    if (!isJsonUtf8(req.get('content-type'))) {
      return refuse(res, 415, 'unsupported_media_type', 'unsupported_media_type', 'send Content-Type: application/json (UTF-8)');
    }
    next();
  };

  const readBody = express.raw({ type: () => true, limit: d.maxBytes });

  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const failure = classifyHttpError(err);
    if (failure.status === 413) return refuse(res, 413, 'too_large', 'too_large', `body exceeds ${d.maxBytes} bytes`);
    if (failure.status === 415) return refuse(res, 415, 'unsupported_media_type', failure.error, failure.detail);
    if (failure.status < 500) return refuse(res, 400, 'malformed', 'malformed', failure.detail);
    // Not the client's fault: counted, so the request is not lost silently, and answered by the JSON error handler.
    ingest.refuse(HTTP_SOURCE, 'internal_error', failure.detail, { remote: res.req.ip });
    next(err);
  };

  const tooMany = (res: express.Response) =>
    refuse(res, 413, 'too_large', 'too_many_items', `more than ${maxItems} readings in one request; send them in several requests`);

  const accept: RequestHandler = async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Every item takes at least two bytes ("0,"): only a body this long can be over the limit, and then
    // it is counted before JSON.parse would build all of its items.
    if (raw.length > 2 * maxItems && (countArrayItems(raw, maxItems) ?? 0) > maxItems) return tooMany(res);
    const text = raw.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return refuse(res, 400, 'malformed', 'malformed', `body is not JSON: ${clip((err as Error).message, 200)}`);
    }
    if (!Array.isArray(body)) return refuse(res, 400, 'invalid', 'malformed', 'body must be a JSON array of readings');
    if (body.length > maxItems) return tooMany(res);

    const checked = await mapYielding(body, (item) => ingest.check(item));
    const outcomes = await mapYielding(checked, (item) => ingest.commit(item, HTTP_SOURCE));

    const answer: IngestResponse = { accepted: 0, corrected: 0, duplicates: 0, outdated: 0, rejected: 0, results: new Array(outcomes.length) };
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        answer.rejected += 1;
        answer.results[index] = { index, status: 'rejected', reason: outcome.reason, detail: outcome.detail };
        return;
      }
      if (outcome.status === 'accepted') answer.accepted += 1;
      else if (outcome.status === 'corrected') answer.corrected += 1;
      else if (outcome.status === 'duplicate') answer.duplicates += 1;
      else answer.outdated += 1;
      answer.results[index] = { index, status: outcome.status };
    });
    res.json(answer);
  };

  r.post('/', authorise, requireJson, readBody, accept, bodyErrors);
  r.all('/', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'method_not_allowed', detail: 'POST a JSON array of readings' });
  });
  return r;
}
