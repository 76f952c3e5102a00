/**
 * `?demo=<tour>` plays a tour (scenarios/tours/<tour>.json). For tests and the soak benchmark:
 * `speed=` (tour speed, default 1), `idle=` (seconds without input before the tour resumes, default 60);
 * `slide=` starts at that slide (0-based; rehearsal and screenshots); `lang=de|en` fixes the caption language (else it alternates per step).
 */
export interface DemoParams {
  tour: string;
  speed: number;
  idleMs: number;
  lang: 'de' | 'en' | null;
  /** the slide to start with (0 = the first step) */
  firstSlide: number;
}

export function parseDemoParams(search: string): DemoParams | null {
  const q = new URLSearchParams(search);
  const tour = q.get('demo');
  if (!tour || !/^[a-z0-9-]+$/.test(tour)) return null;
  const num = (name: string, fallback: number, min: number, max: number) => {
    const v = Number(q.get(name));
    return q.has(name) && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  };
  const lang = q.get('lang');
  return { tour, speed: num('speed', 1, 0.1, 1000), idleMs: num('idle', 60, 0.5, 3600) * 1000, lang: lang === 'de' || lang === 'en' ? lang : null, firstSlide: Math.floor(num('slide', 0, 0, 1000)) };
}
