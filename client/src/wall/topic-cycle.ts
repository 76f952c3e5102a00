import type { SensorKind } from '../../../common/readings.js';

export const WALL_TOPICS = ['traffic', 'heat', 'parking', 'charging'] as const;
export type WallTopic = (typeof WALL_TOPICS)[number];

export interface TopicCycle {
  topics: WallTopic[];
  everyMs: number;
}

const DEFAULT_EVERY_S = 30;
/** faster than this nobody reads a page before it turns */
const MIN_EVERY_S = 5;
const MAX_EVERY_S = 3600;

/** The layer each topic shows; the panels follow the layers (App.tsx shows a kind's panels with its layer). */
const TOPIC_KIND: Record<WallTopic, SensorKind> = { traffic: 'traffic', heat: 'climate', parking: 'parking', charging: 'charging' };

/**
 * `?cycle=traffic,heat&every=30` → the topics in order and the time each stays. Unknown topics are
 * left out; null when no known topic is named (no cycling). `every` is clamped to 5 s … 1 h.
 */
export function parseTopicCycle(search: string): TopicCycle | null {
  const q = new URLSearchParams(search);
  const topics = (q.get('cycle') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is WallTopic => (WALL_TOPICS as readonly string[]).includes(s));
  if (topics.length === 0) return null;
  const every = Number(q.get('every') ?? DEFAULT_EVERY_S);
  const everyS = Number.isFinite(every) && every > 0 ? Math.min(MAX_EVERY_S, Math.max(MIN_EVERY_S, every)) : DEFAULT_EVERY_S;
  return { topics, everyMs: everyS * 1000 };
}

/**
 * The topic on screen at an instant, and when it turns. Counted from the epoch rather than from page
 * load, so the screens of a multi-screen wall with the same `every` turn together.
 */
export function topicAt(cycle: TopicCycle, nowMs: number): { topic: WallTopic; index: number; nextAt: number } {
  const slot = Math.floor(nowMs / cycle.everyMs);
  const index = ((slot % cycle.topics.length) + cycle.topics.length) % cycle.topics.length;
  return { topic: cycle.topics[index]!, index, nextAt: (slot + 1) * cycle.everyMs };
}

/** Layer visibility for a topic: its own layer only. */
export function visibilityFor(topic: WallTopic): Record<SensorKind, boolean> {
  return { climate: false, traffic: false, parking: false, charging: false, tree: false, [TOPIC_KIND[topic]]: true };
}
