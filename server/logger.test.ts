import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger('info', { write: (l: string) => void lines.push(l) }) };
}

describe('createLogger redaction', () => {
  it('censors credential headers of requests and responses', () => {
    const { lines, log } = capture();
    log.warn({ req: { headers: { authorization: 'Bearer tok-1', 'x-api-key': 'key-2', cookie: 'sid=c-3', accept: 'text/html' } } }, 'request');
    log.warn({ response: { headers: { 'set-cookie': 'sid=c-4' } } }, 'response');
    const out = lines.join('');
    for (const secret of ['tok-1', 'key-2', 'c-3', 'c-4']) expect(out).not.toContain(secret);
    expect(out).toContain('text/html');
  });

  it('redacts URLs with credentials or a query in any field, error messages and stacks included', () => {
    const { lines, log } = capture();
    log.error({ err: new Error('GET http://user:pw-5@127.0.0.1:9/x?api_key=key-6 failed'), target: 'mqtt://u:pw-7@broker:1883' }, 'failed');
    const out = lines.join('');
    for (const secret of ['pw-5', 'key-6', 'pw-7']) expect(out).not.toContain(secret);
    expect(out).toContain('http://127.0.0.1:9/x');
    expect(JSON.parse(out).err.message).toBe('GET http://127.0.0.1:9/x failed');
  });
});
