import { describe, expect, it } from 'vitest';
import { parseTopicCycle, topicAt, visibilityFor } from './topic-cycle.js';

describe('parseTopicCycle', () => {
  it.each([
    ['?wall=1&cycle=traffic,heat,parking,charging&every=30', { topics: ['traffic', 'heat', 'parking', 'charging'], everyMs: 30_000 }],
    ['?cycle=heat', { topics: ['heat'], everyMs: 30_000 }],
    ['?cycle=Traffic, parking,floods&every=12', { topics: ['traffic', 'parking'], everyMs: 12_000 }],
    ['?cycle=traffic&every=1', { topics: ['traffic'], everyMs: 5_000 }],
    ['?cycle=traffic&every=abc', { topics: ['traffic'], everyMs: 30_000 }],
    ['?cycle=traffic&every=99999', { topics: ['traffic'], everyMs: 3_600_000 }],
    ['?cycle=floods', null],
    ['?wall=1', null],
  ])('%s', (search, expected) => {
    expect(parseTopicCycle(search)).toEqual(expected);
  });
});

describe('topicAt', () => {
  const cycle = { topics: ['traffic', 'heat', 'parking'] as const, everyMs: 30_000 };
  it.each([
    [0, 'traffic', 30_000],
    [29_999, 'traffic', 30_000],
    [30_000, 'heat', 60_000],
    [65_000, 'parking', 90_000],
    [90_000, 'traffic', 120_000],
    [1_764_460_800_000 + 31_000, 'heat', 1_764_460_860_000],
  ])('at %d ms: %s until %d', (now, topic, nextAt) => {
    expect(topicAt({ ...cycle, topics: [...cycle.topics] }, now)).toMatchObject({ topic, nextAt });
  });

  it('visits every topic once per round, each for `every`', () => {
    const seen = [];
    for (let t = 0; t < 90_000; t += 1_000) seen.push(topicAt({ ...cycle, topics: [...cycle.topics] }, t).topic);
    expect(seen.filter((x) => x === 'traffic')).toHaveLength(30);
    expect(new Set(seen)).toEqual(new Set(cycle.topics));
  });
});

describe('visibilityFor', () => {
  it('shows only the topic’s layer', () => {
    expect(visibilityFor('heat')).toEqual({ climate: true, traffic: false, parking: false, charging: false, tree: false });
    expect(visibilityFor('charging')).toEqual({ climate: false, traffic: false, parking: false, charging: true, tree: false });
  });
});
