import { useEffect, useState } from 'react';
import type { SensorKind } from '../../../common/readings.js';
import { topicAt, visibilityFor, type TopicCycle, type WallTopic } from './topic-cycle.js';

/**
 * Turns the wall's topic pages: shows each topic's layer (and with it its panels) for its time,
 * then the next. Null without a cycle.
 */
export function useTopicCycle(cycle: TopicCycle | null, show: (visible: Record<SensorKind, boolean>) => void): WallTopic | null {
  const [topic, setTopic] = useState<WallTopic | null>(() => (cycle ? topicAt(cycle, Date.now()).topic : null));
  useEffect(() => {
    if (!cycle) return;
    let timer = 0;
    const turn = () => {
      const now = Date.now();
      const at = topicAt(cycle, now);
      setTopic(at.topic);
      show(visibilityFor(at.topic));
      timer = window.setTimeout(turn, Math.max(50, at.nextAt - now));
    };
    turn();
    return () => window.clearTimeout(timer);
  }, [cycle, show]);
  return topic;
}
