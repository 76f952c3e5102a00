import { useEffect, useMemo, useRef, useState } from 'react';
import { screenZoom } from './screen-zoom.js';
import { SENSOR_KINDS } from '../../../common/readings.js';
import { highlightKey, type DemoResponse, type TourStep } from '../../../common/tour.js';
import type { MapHandle } from '../map/MapView.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import type { LayerVisibility } from '../url/url-state.js';
import type { DemoParams } from './demo-params.js';
import { demoRun } from './demo-run.js';
import { Caption } from './Caption.js';
import { TitleCard } from './TitleCard.js';
import { cityTimeAt, slideLanguage, slidesOf, TourPlayer, type Slide } from './tour-player.js';
import { useDemoTour } from './use-demo-tour.js';
import { slidePlayability, slideProgress } from './playability.js';
import type { WhatIfStore } from '../whatif/whatif-store.js';
import './demo.css';

/** The player's timer: city frames are whole seconds of the step, so a few ticks a second suffice. */
const TICK_MS = 200;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

interface Props {
  params: DemoParams;
  shown: DisplayedCity;
  map: MapHandle | null;
  setLayers: (layers: LayerVisibility) => void;
  /** the places layer (Kitas, schools, playgrounds), on where a step shows who is exposed */
  setPlaces?: (on: boolean) => void;
  /** the heat what-if a step can show (null: none on this page) */
  whatIf?: WhatIfStore | null;
  /** the tour takes the screen back: what a visitor opened (a sensor's panel) closes, its charts would ask the live run for recorded times */
  onResume?: () => void;
}

/**
 * `?demo=<tour>`: plays the tour's recordings on the displayed city (GET /api/state?at=&run=),
 * flies the camera, sets the layers, rings what the caption speaks of. A touch, click or key
 * hands the visitor the live dashboard; after the idle time the tour goes on with the next chapter.
 */
export function DemoPlayer({ params, shown, map, setLayers, setPlaces, whatIf = null, onResume }: Props) {
  const [loop, setLoop] = useState(0);
  const { demo, error } = useDemoTour(params.tour, loop);
  // The tour starts once its first slide's recording is written that far; later chapters are recorded while it plays.
  const first = demo ? slidesOf(demo.tour, params.speed)[params.firstSlide] ?? slidesOf(demo.tour, params.speed)[0] : null;
  if (!demo || !first || slidePlayability(demo, first) !== 'play') {
    return <Preparing error={error} progress={demo && first ? slideProgress(demo, first) : 0} first />;
  }
  return <ReadyPlayer demo={demo} params={params} shown={shown} map={map} setLayers={setLayers} setPlaces={setPlaces} whatIf={whatIf} onResume={onResume} onLoop={() => setLoop((n) => n + 1)} />;
}

function ReadyPlayer({ demo, params, shown, map, setLayers, setPlaces, whatIf, onResume, onLoop }: Props & { demo: DemoResponse; onLoop: () => void }) {
  // The player is made once per tour version: a reload that brings the same tour keeps its place.
  const slides = useMemo(() => slidesOf(demo.tour, params.speed), [demo.version, params.speed]);
  const player = useMemo(() => new TourPlayer(slides, params.idleMs, performance.now(), params.firstSlide), [slides, params.idleMs, params.firstSlide]);
  const [view, setView] = useState<{ slide: Slide; playing: boolean; waiting: boolean }>({ slide: player.state.slide, playing: true, waiting: false });
  const latest = useRef({ demo, map, setLayers, setPlaces, onLoop, whatIf, onResume });
  latest.current = { demo, map, setLayers, setPlaces, onLoop, whatIf, onResume };

  useEffect(() => {
    let applied: Slide | null = null;
    let playing = true;
    const apply = (slide: Slide) => {
      const { demo: d, map: m, setLayers: set } = latest.current;
      applied = slide;
      showWhatIf(latest.current.whatIf, slide.kind === 'step' ? slide.step : null);
      if (slide.kind === 'title') {
        m?.ring([]);
        return;
      }
      const { step } = slide;
      demoRun.current = d.recordings[slide.recording]?.run ?? null;
      demoRun.scenario = d.tour.recordings.find((r) => r.id === slide.recording)?.scenario ?? null;
      set(Object.fromEntries(SENSOR_KINDS.map((k) => [k, step.layers.includes(k)])) as LayerVisibility);
      latest.current.setPlaces?.(step.places);
      const c = step.camera;
      m?.flyCamera({ center: c.center, zoom: screenZoom(c.zoom, window.innerWidth, window.innerHeight), pitch: c.pitch, bearing: c.bearing, durationMs: c.flightMs / params.speed });
      m?.ring(ringPlaces(d, step));
    };
    let waiting = false;
    const tick = () => {
      const now = performance.now();
      const state = player.at(now, (s) => slidePlayability(latest.current.demo, s));
      if (!state.playing) return;
      if (!playing || state.slide !== applied || waiting !== player.waiting) {
        if (state.slide.index === 0 && applied !== null && state.slide !== applied) latest.current.onLoop();
        if (!playing) latest.current.onResume?.();
        playing = true;
        waiting = player.waiting;
        if (state.slide !== applied) apply(state.slide);
        setView({ slide: state.slide, playing: true, waiting });
      }
      if (state.slide.kind === 'step') shown.showAt(cityTimeAt(state.slide.step, player.fraction(now)));
    };
    const onInput = () => {
      player.input(performance.now());
      if (!playing) return;
      playing = false;
      demoRun.current = null;
      demoRun.scenario = null;
      latest.current.map?.ring([]);
      showWhatIf(latest.current.whatIf, null);
      shown.showLive();
      setView((v) => ({ slide: v.slide, playing: false, waiting: false }));
    };
    tick();
    const timer = setInterval(tick, TICK_MS);
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { capture: true, passive: true });
    return () => {
      clearInterval(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      demoRun.current = null;
      demoRun.scenario = null;
    };
  }, [player, shown, params.speed]);

  // The what-if comes up with the city model, after the first slide: it still gets the slide's plan.
  useEffect(() => {
    const s = player.state.slide;
    if (player.state.playing) showWhatIf(whatIf, s.kind === 'step' ? s.step : null);
  }, [whatIf, player]);

  // A map that comes up after the first slide still gets its camera and rings.
  const mapSeen = useRef<MapHandle | null>(null);
  useEffect(() => {
    if (!map || mapSeen.current === map) return;
    mapSeen.current = map;
    const s = player.state.slide;
    if (s.kind === 'step') {
      const c = s.step.camera;
      map.flyCamera({ center: c.center, zoom: screenZoom(c.zoom, window.innerWidth, window.innerHeight), pitch: c.pitch, bearing: c.bearing, durationMs: 0 });
      map.ring(ringPlaces(demo, s.step));
    }
  }, [map, player, demo]);

  const lang = slideLanguage(view.slide, params.lang);
  if (!view.playing) {
    return (
      <div className="demo-paused" role="status" data-testid="demo-paused">
        {lang === 'de' ? 'Tour pausiert – erkunden Sie die Live-Karte' : 'Tour paused – explore the live map'}
      </div>
    );
  }
  return (
    <>
      {view.slide.kind === 'step' ? (
        <Caption demo={demo} slide={view.slide} lang={lang} slides={slides} />
      ) : (
        <TitleCard card={demo.tour.titleCard} lang={lang} />
      )}
      <ChapterProgress demo={demo} slide={view.slide} lang={lang} />
      {view.waiting && <Preparing error={null} progress={nextProgress(demo, slides, view.slide)} first={false} />}
    </>
  );
}

/** How far the recording of the slide after `slide` has come (the tour waits for it). */
function nextProgress(demo: DemoResponse, slides: readonly Slide[], slide: Slide): number {
  return slideProgress(demo, slides[(slide.index + 1) % slides.length]);
}

/**
 * What the screen says while a recording is still being made: the scenarios are computed once (a few
 * minutes on a small machine) and kept in the history store, so later starts play at once.
 */
function Preparing({ error, progress, first }: { error: string | null; progress: number; first: boolean }) {
  const pct = Math.floor(progress * 100);
  return (
    <div className={`demo-preparing${first ? ' first' : ''}`} role="status" data-testid="demo-preparing" data-progress={pct}>
      {error ? (
        <p>Stadtpuls-Tour: {error}</p>
      ) : first ? (
        <>
          <p className="demo-preparing-title">Die Tour wird vorbereitet … / Preparing the tour …</p>
          <p>
            Die Szenarien werden einmal berechnet und gespeichert – danach startet die Tour sofort. / The scenarios are computed once and stored – after that the tour starts at
            once.
          </p>
        </>
      ) : (
        <p>Nächstes Kapitel wird vorbereitet … / Preparing the next chapter …</p>
      )}
      {!error && (
        <span className="demo-preparing-bar">
          <span style={{ width: `${pct}%` }} />
        </span>
      )}
    </div>
  );
}

/** The step's what-if on the map, or none: the visitor's live map never keeps a tour's plan. */
function showWhatIf(store: WhatIfStore | null | undefined, step: TourStep | null) {
  if (!store) return;
  if (step?.whatif) {
    store.setPlan(step.whatif.plan);
    store.setView(step.whatif.view);
  } else if (store.plan.length > 0) store.setPlan([]);
}

/** Where the step's highlighted objects are (the server resolves sensors and links). */
function ringPlaces(demo: DemoResponse, step: TourStep): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const h of step.highlight) {
    const at = demo.places[highlightKey(h)];
    if (at) out.push(at);
  }
  return out;
}

/** One segment per chapter (and the title card); the current one fills over its slide's time. */
function ChapterProgress({ demo, slide, lang }: { demo: DemoResponse; slide: Slide; lang: 'de' | 'en' }) {
  const chapters = demo.tour.chapters.map((c) => c.title[lang]);
  return (
    <ol className="demo-progress" aria-label={lang === 'de' ? 'Kapitel' : 'Chapters'}>
      {chapters.map((title, i) => (
        <li key={title} className={i < slide.chapter ? 'done' : i === slide.chapter ? 'current' : ''}>
          <span className="demo-progress-bar">
            {i === slide.chapter && <span key={slide.index} className="demo-progress-fill" style={{ animationDuration: `${slide.durationMs}ms` }} />}
          </span>
          <span className="demo-progress-title">{title}</span>
        </li>
      ))}
    </ol>
  );
}
