import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/history-store.js';
import { NO_HISTORY } from '../pipeline/history-sink.js';
import { ClosureStore } from './closures.js';
import { ClosuresStage } from './closures-stage.js';

describe('closures stage', () => {
  it('records a closure when it opens and when it is lifted, and marks the channel', () => {
    let now = 1_000;
    const closures = new ClosureStore(new Map([['L1', 'Castroper Straße'], ['L2', 'A40']]), () => now);
    const events: StoredEvent[] = [];
    const stage = new ClosuresStage(closures, { ...NO_HISTORY, event: (e) => events.push(e) }, () => now);
    stage.tick();
    expect(stage.channel.changed()).toBeUndefined();

    const added = closures.add({ linkId: 'L1', kind: 'closure' });
    if (!added.ok) throw new Error('not added');
    stage.tick();
    expect(events).toEqual([{ stream: 'closure', id: added.closure.id, t: 1_000, action: 'open', body: added.closure }]);
    expect(stage.channel.changed()).toEqual([added.closure]);

    now = 5_000;
    closures.lift(added.closure.id);
    stage.tick();
    expect(events[1]).toMatchObject({ id: added.closure.id, t: 5_000, action: 'close' });
    expect(stage.channel.changed()).toEqual([]);
  });
});

describe('closures restored after a restart', () => {
  it('come back in force, are not recorded again, and new ids continue after theirs', () => {
    const closures = new ClosureStore(new Map([['L1', 'A40'], ['L2', 'Herner Straße']]), () => 9_000);
    const events: StoredEvent[] = [];
    const stage = new ClosuresStage(closures, { ...NO_HISTORY, event: (e) => events.push(e) }, () => 9_000);
    closures.restore([
      { id: 'closure-7', linkId: 'L1', street: 'A40', kind: 'closure', capacityFactor: 0, since: 1_000, source: 'operator' },
      { id: 'closure-8', linkId: 'gone', street: '?', kind: 'closure', capacityFactor: 0, since: 1_000, source: 'operator' },
    ]);
    stage.adoptCurrent();
    stage.tick();
    expect(events).toEqual([]);
    expect(stage.channel.changed()?.map((c) => c.id)).toEqual(['closure-7']);
    const next = closures.add({ linkId: 'L2', kind: 'incident' });
    expect(next.ok && next.closure.id).toBe('closure-8');
    expect(closures.add({ linkId: 'L1', kind: 'closure' })).toEqual({ ok: false, error: 'already_closed' });
  });
});
