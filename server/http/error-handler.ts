import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** The one error body of every route: a code for programs, a sentence for people. */
export interface ErrorBody {
  error: string;
  detail: string;
}

export interface HttpFailure extends ErrorBody {
  status: number;
}

/** body-parser / raw-body refusals (their `type`) in our words; the status is ours too. */
const BODY_ERRORS: Record<string, HttpFailure> = {
  'entity.too.large': { status: 413, error: 'too_large', detail: 'request body is over the size limit' },
  'entity.parse.failed': { status: 400, error: 'malformed', detail: 'request body is not valid JSON' },
  'entity.verify.failed': { status: 400, error: 'malformed', detail: 'request body failed verification' },
  'encoding.unsupported': { status: 415, error: 'unsupported_media_type', detail: 'unsupported Content-Encoding' },
  'charset.unsupported': { status: 415, error: 'unsupported_media_type', detail: 'unsupported charset: send UTF-8' },
  'request.aborted': { status: 400, error: 'malformed', detail: 'request body was cut off' },
  'request.size.invalid': { status: 400, error: 'malformed', detail: 'request body does not match its Content-Length' },
  'parameters.too.many': { status: 413, error: 'too_large', detail: 'too many parameters' },
};

const INTERNAL: HttpFailure = { status: 500, error: 'internal_error', detail: 'the server failed on this request; the error is in its log' };

/**
 * What a thrown error means for the client. Only our own wording leaves the server: never a message,
 * stack or path from the error itself, which may name files, queries or secrets.
 */
export function classifyHttpError(err: unknown): HttpFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (typeof e.type === 'string' && Object.prototype.hasOwnProperty.call(BODY_ERRORS, e.type)) return BODY_ERRORS[e.type];
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) return { status, error: 'bad_request', detail: 'the server could not read this request' };
  return INTERNAL;
}

/**
 * The JSON error handler for all routes, mounted last (server/app.ts): `{ error, detail }` to the client,
 * the full error in the server log (client errors at debug, so a flood of bad requests cannot fill it).
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const failure = classifyHttpError(err);
    const where = { method: req.method, path: req.path.slice(0, 200) };
    if (failure.status >= 500) log.error({ err, ...where }, 'request failed');
    else log.debug({ err, ...where, status: failure.status }, 'request refused');
    if (res.headersSent) {
      // Half an answer is out: the client can only learn of the failure from a cut connection.
      res.destroy();
      return;
    }
    const body: ErrorBody = { error: failure.error, detail: failure.detail };
    res.status(failure.status).json(body);
  };
}
