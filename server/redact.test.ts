import { describe, expect, it } from 'vitest';
import { credentialsToHeader, redactDeep, redactText, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it.each([
    ['mqtts://user:secret@broker.example:8883', 'mqtts://broker.example:8883'],
    ['https://cpo.example/ocpi/locations?api_key=secret', 'https://cpo.example/ocpi/locations'],
    ['postgres://app:hunter2@db.internal:5432/stadtpuls?sslmode=require', 'postgres://db.internal:5432/stadtpuls'],
    ['http://u:p@127.0.0.1:9/x?token=t#frag', 'http://127.0.0.1:9/x'],
    ['not a url', '(unparseable URL)'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('redactText', () => {
  it('redacts every URL with credentials or a query in free text, and leaves plain URLs alone', () => {
    const text = 'Request cannot be constructed from a URL that includes credentials: http://alice:s3cret@127.0.0.1:9/p?api_key=K3Y, see https://example.org/docs';
    const out = redactText(text);
    expect(out).not.toMatch(/s3cret|K3Y|alice/);
    expect(out).toContain('http://127.0.0.1:9/p');
    expect(out).toContain('https://example.org/docs');
  });

  it('redacts URLs inside a serialised JSON log line without breaking its quoting', () => {
    const line = JSON.stringify({ msg: 'poll failed', detail: 'GET https://x:y@h/p?key=1 failed', url: 'wss://u:pw@broker:8443/mqtt' });
    const out = redactText(line);
    expect(JSON.parse(out)).toEqual({ msg: 'poll failed', detail: 'GET https://h/p failed', url: 'wss://broker:8443/mqtt' });
  });

  it('redacts secret key=value pairs outside URLs', () => {
    expect(redactText('options api_key=abc&x=1 password=hunter2')).toBe('options api_key=[redacted]&x=1 password=[redacted]');
  });
});

describe('redactDeep', () => {
  it('walks objects and arrays', () => {
    expect(redactDeep({ a: ['http://u:p@h/x'], b: { c: 'ok', n: 3, z: null } })).toEqual({ a: ['http://h/x'], b: { c: 'ok', n: 3, z: null } });
  });
});

describe('credentialsToHeader', () => {
  it('moves user:password into a Basic header', () => {
    const r = credentialsToHeader('https://park%40api:p%C3%A4ss@parkapi.example/v3?x=1');
    expect(r.url).toBe('https://parkapi.example/v3?x=1');
    expect(Buffer.from(r.headers.Authorization.replace('Basic ', ''), 'base64').toString()).toBe('park@api:päss');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(credentialsToHeader('https://h/p')).toEqual({ url: 'https://h/p', headers: {} });
  });
});
