import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from './json-file.js';

const schema = z.object({ name: z.string(), size: z.number().int().positive() });
const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-json-file-'));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('readJsonFile', () => {
  it('returns the validated value', () => {
    expect(readJsonFile(write('ok.json', '{ "name": "a", "size": 2 }'), schema, 'test map')).toEqual({ name: 'a', size: 2 });
  });

  it('names what the file is, its path and why it cannot be read', () => {
    expect(() => readJsonFile(write('broken.json', '{ "name": '), schema, 'test map')).toThrow(/^test map .*broken\.json cannot be read: /);
    expect(() => readJsonFile(path.join(dir, 'missing.json'), schema, 'test map')).toThrow(/missing\.json cannot be read: .*ENOENT/);
  });

  it('names each problem by its path, and a wrong whole file as (file)', () => {
    expect(() => readJsonFile(write('shape.json', '{ "name": 1, "size": 0 }'), schema, 'test map')).toThrow(/shape\.json is invalid: name: .*; size: /);
    expect(() => readJsonFile(write('array.json', '[]'), schema, 'test map')).toThrow(/array\.json is invalid: \(file\): /);
  });

  it('names at most five problems and counts the rest', () => {
    const many = z.array(z.string());
    expect(() => readJsonFile(write('many.json', '[1,2,3,4,5,6,7]'), many, 'list')).toThrow(/; 4: [^;]+; … and 2 more$/);
  });
});
