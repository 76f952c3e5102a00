import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { LiveStore } from '../live/live-store.js';
import { useNow } from '../live/use-live.js';
import { useParts } from '../live/use-parts.js';
import { rgbCss } from '../map/colors.js';
import type { DisplayedCity } from './displayed-city.js';
import { PLAY_SPEEDS, playAdvance, stepCursor, timeAtX, steppedLiveEnd, timelineRange, timelineTicks, ZOOMS, type PlaySpeed, type TimeRange, type Zoom } from './timeline.js';
import { useActivity } from './use-activity.js';

/** Playback advances in steps this far apart (real time). */
const PLAY_TICK_MS = 250;
/** Letting go this close to the right end means "now": the view goes live. */
const LIVE_SNAP_SHARE = 0.005;

const pct = (t: number, r: TimeRange) => `${(Math.min(1, Math.max(0, (t - r.from) / (r.to - r.from))) * 100).toFixed(3)}%`;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));
}

/**
 * The one time axis of the dashboard, along the bottom: the current run's timeline with a strip of
 * when the city was hot and jammed above it. Dragging, clicking, the arrow keys and playback move the
 * displayed city into the past; **Live** brings it back.
 */
export function TimeCursor({
  store,
  shown,
  runStart,
  range: rangeOut,
  children,
}: {
  store: LiveStore;
  shown: DisplayedCity;
  /** first city time of the current run with data (null while unknown) */
  runStart: number | null;
  /** told the visible range whenever it changes (the export uses it) */
  range: (r: TimeRange) => void;
  children?: ReactNode;
}) {
  // the live end moves with the clock below; of the stream only the run, the link's state and the first message matter here
  useParts(store, () => [store.run, store.status, store.cityTimeAt === null, store.scenario?.speed]);
  useParts(shown, () => [shown.wantedAt()]);
  const now = useNow(1000);
  const { t, time, day, dayTime } = useI18n();
  const [zoom, setZoom] = useState<Zoom>('24h');
  const [playing, setPlaying] = useState<PlaySpeed | null>(null);
  const liveNow = store.cityNow(now) ?? now;
  const range = timelineRange(zoom, steppedLiveEnd(zoom, liveNow, runStart), runStart);
  const cells = useActivity(range);
  const at = shown.wantedAt();
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const latest = useRef({ range, at, liveNow });
  latest.current = { range, at, liveNow };

  useEffect(() => rangeOut(range), [range.from, range.to]); // eslint-disable-line react-hooks/exhaustive-deps
  // A scenario switch: the displayed city goes live with the new run (displayed-city.ts); playback of the old one stops.
  useEffect(() => setPlaying(null), [store.run]);

  // Near the live end the cursor snaps to live, except when the user moves it back (a key step may be smaller than the snap zone).
  const moveTo = (target: number, backwards = false) => {
    const { range: r, liveNow: ln } = latest.current;
    if (target >= ln || (!backwards && target >= r.to - (r.to - r.from) * LIVE_SNAP_SHARE)) shown.showLive();
    else shown.showAt(Math.round(target));
  };

  const fromPointer = (e: ReactPointerEvent) => {
    const box = track.current!.getBoundingClientRect();
    moveTo(timeAtX(e.clientX - box.left, latest.current.range, box.width));
  };

  // Arrow keys step the cursor anywhere on the page, except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      const { range: r, at: cur, liveNow: ln } = latest.current;
      const steps = (e.key === 'ArrowLeft' ? -1 : 1) * (e.shiftKey ? 12 : 1);
      setPlaying(null);
      moveTo(stepCursor(cur ?? ln, steps, r), steps < 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (playing === null) return;
    const id = window.setInterval(() => {
      const { range: r, at: cur, liveNow: ln } = latest.current;
      const next = playAdvance(cur ?? r.from, PLAY_TICK_MS, playing, ln);
      if (next.caughtUp) {
        shown.showLive();
        setPlaying(null);
      } else shown.showAt(Math.round(next.at));
    }, PLAY_TICK_MS);
    return () => window.clearInterval(id);
  }, [playing, shown]);

  // Labels right at the ends would be cut in half by the edge of the page.
  const span = range.to - range.from;
  const ticks = timelineTicks(range, 8).filter((tick) => tick - range.from > span * 0.025 && range.to - tick > span * 0.025);
  const longRange = span > 2 * 86_400_000;
  const cursorAt = at ?? liveNow;

  return (
    <footer className={at === null ? 'time-cursor' : 'time-cursor time-cursor-past'} data-testid="time-cursor">
      <div className="tc-controls">
        <button
          type="button"
          className={at === null ? 'tc-live on' : 'tc-live'}
          onClick={() => {
            setPlaying(null);
            shown.showLive();
          }}
          data-testid="go-live"
          title={t('time.backToLive')}
        >
          <span className="dot" /> {t('time.live')}
        </button>
        {PLAY_SPEEDS.map((speed) => (
          <button
            key={speed}
            type="button"
            className={playing === speed ? 'tc-play on' : 'tc-play'}
            onClick={() => setPlaying(playing === speed ? null : speed)}
            title={playing === speed ? t('time.pause') : t('time.play')}
            data-testid={`play-${speed}`}
          >
            {playing === speed ? '❚❚' : '▶'} ×{speed}
          </button>
        ))}
        <div className="tc-zoom" role="group">
          {ZOOMS.map((z) => (
            <button key={z} type="button" className={z === zoom ? 'on' : undefined} onClick={() => setZoom(z)} data-testid={`zoom-${z}`}>
              {t(`time.zoom.${z}`)}
            </button>
          ))}
        </div>
        <span className="tc-legend" aria-hidden>
          <span>
            <i style={{ background: 'linear-gradient(90deg, #ffc000, #ff7000, #dc0000)' }} />
            {t('time.hot')}
          </span>
          <span>
            <i style={{ background: '#a37bff' }} />
            {t('time.jammed')}
          </span>
        </span>
        <span className="tc-readout" data-testid="cursor-readout">
          {at === null ? '' : `${t('time.replay')} ${dayTime(at)}`}
        </span>
        {children}
      </div>
      <div
        ref={track}
        className="tc-track"
        data-testid="timeline"
        role="slider"
        tabIndex={0}
        aria-label={t('time.timeline')}
        title={t('time.timeline')}
        aria-valuemin={range.from}
        aria-valuemax={range.to}
        aria-valuenow={cursorAt}
        aria-valuetext={at === null ? t('time.live') : dayTime(at)}
        data-from={range.from}
        data-to={range.to}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          dragging.current = true;
          track.current!.setPointerCapture(e.pointerId);
          setPlaying(null);
          fromPointer(e);
        }}
        onPointerMove={(e) => {
          if (dragging.current) fromPointer(e);
        }}
        onPointerUp={(e) => {
          dragging.current = false;
          track.current!.releasePointerCapture(e.pointerId);
        }}
      >
        <div className="tc-strip" aria-hidden>
          {cells.map((c) =>
            c.to <= range.from || c.from >= range.to ? null : (
              <div key={c.from} className="tc-cell" style={{ left: pct(c.from, range), width: `calc(${pct(c.to, range)} - ${pct(c.from, range)})` }}>
                {c.heat && <i className="tc-hot" style={{ background: rgbCss(c.heat) }} title={t('time.hot')} />}
                {c.jam > 0.05 && <i className="tc-jam" style={{ opacity: 0.25 + 0.75 * c.jam }} title={t('time.jammed')} />}
              </div>
            ),
          )}
        </div>
        <div className="tc-axis" aria-hidden>
          {ticks.map((tick) => (
            <span key={tick} className="tc-tick" style={{ left: pct(tick, range) }}>
              {longRange ? day(tick) : time(tick)}
            </span>
          ))}
        </div>
        <div className="tc-cursor" style={{ left: pct(cursorAt, range) }} data-testid="timeline-cursor" />
      </div>
    </footer>
  );
}
