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

describe('planned closures and edits', () => {
  it('records a planned closure when set, its edits as updates, and its end at its end time', () => {
    let now = 1_000;
    const closures = new ClosureStore(new Map([['L1', 'Wittener Straße']]), () => now);
    const events: StoredEvent[] = [];
    const stage = new ClosuresStage(closures, { ...NO_HISTORY, event: (e) => events.push(e) }, () => now);
    const added = closures.add({ linkId: 'L1', kind: 'closure', from: 10_000, until: 20_000 }, { setBy: 'becker' });
    if (!added.ok) throw new Error('not added');
    stage.tick();
    expect(events).toEqual([{ stream: 'closure', id: added.closure.id, t: 1_000, action: 'open', body: added.closure }]);
    expect(stage.plannedChannel.changed()).toEqual([added.closure]);
    expect(closures.list()).toEqual([]);

    now = 2_000;
    const edited = closures.edit(added.closure.id, { note: 'Kanal' }, 'meier');
    stage.tick();
    expect(edited.ok && edited.closure).toMatchObject({ note: 'Kanal', editedBy: 'meier', editedAt: 2_000, setBy: 'becker' });
    expect(events[1]).toMatchObject({ action: 'update', t: 2_000, body: { note: 'Kanal' } });

    now = 10_000;
    stage.tick();
    expect(closures.list().map((c) => c.id)).toEqual([added.closure.id]);
    expect(stage.channel.changed()?.map((c) => c.id)).toEqual([added.closure.id]);
    expect(events).toHaveLength(2);

    now = 25_000;
    stage.tick();
    expect(closures.list()).toEqual([]);
    expect(events[2]).toMatchObject({ action: 'close', t: 20_000 });
  });
});
