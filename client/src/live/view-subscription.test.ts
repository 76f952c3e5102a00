import { describe, expect, it, vi } from 'vitest';
import { subscriptionSchema } from '../../../common/wire/live-messages.js';
import { ViewSubscriptions, viewSubscription } from './view-subscription.js';

describe('viewSubscription', () => {
  it('covers the screen around the view padded by half a screen, climate for the whole city', () => {
    // zoom 14 at Bochum: 360 / (512 · 2^14) ° of longitude per pixel
    const sub = viewSubscription(['traffic', 'climate'], { lon: 7.22, lat: 51.48, zoom: 14 }, { width: 1000, height: 800 });
    const lonPerPx = 360 / (512 * 2 ** 14);
    const latPerPx = lonPerPx * Math.cos((51.48 * Math.PI) / 180);
    expect(sub.kinds).toEqual(['traffic', 'climate']);
    expect(sub.wholeCity).toEqual(['climate']);
    expect(sub.bbox![0]).toBeCloseTo(7.22 - 1000 * lonPerPx, 9);
    expect(sub.bbox![2]).toBeCloseTo(7.22 + 1000 * lonPerPx, 9);
    expect(sub.bbox![1]).toBeCloseTo(51.48 - 800 * latPerPx, 9);
    expect(sub.bbox![3]).toBeCloseTo(51.48 + 800 * latPerPx, 9);
    expect(subscriptionSchema.safeParse(sub).success).toBe(true);
  });

  it('without a view: kinds only; at world zoom the area is clamped to valid coordinates', () => {
    expect(viewSubscription(['parking'], null, { width: 390, height: 844 })).toEqual({ kinds: ['parking'], wholeCity: [] });
    const world = viewSubscription([], { lon: 0, lat: 0, zoom: 0 }, { width: 3840, height: 2160 });
    expect(world.bbox).toEqual([-180, -90, 180, 90]);
    expect(subscriptionSchema.safeParse(world).success).toBe(true);
  });
});

describe('ViewSubscriptions', () => {
  it('sends the newest wish at most once per gap, nothing twice, nothing while detached', () => {
    vi.useFakeTimers();
    let t = 0;
    const subs = new ViewSubscriptions(2500, () => t);
    const sent: unknown[] = [];
    subs.want({ kinds: ['traffic'] });
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([]); // not attached yet: the handshake carries it
    subs.attach((s) => sent.push(s));
    subs.want({ kinds: ['traffic'] });
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([]); // the same as the handshake's
    subs.want({ kinds: ['parking'] });
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([{ kinds: ['parking'] }]);
    t = 100;
    subs.want({ kinds: ['climate'] });
    subs.want({ kinds: ['charging'] });
    vi.advanceTimersByTime(2300);
    expect(sent).toHaveLength(1);
    t = 2500;
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([{ kinds: ['parking'] }, { kinds: ['charging'] }]);
    subs.dispose();
    vi.useRealTimers();
  });
});
