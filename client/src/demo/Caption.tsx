import type { DemoResponse, EvGrowth } from '../../../common/tour.js';
import type { Slide } from './tour-player.js';

type StepSlide = Extract<Slide, { kind: 'step' }>;

/** The caption of a step: readable at 5 m (≥ 48 px at 1920×1080, scaling with the screen), with its figure if it has one. */
export function Caption({ demo, slide, lang }: { demo: DemoResponse; slide: StepSlide; lang: 'de' | 'en'; slides: readonly Slide[] }) {
  const { step } = slide;
  const chapter = demo.tour.chapters[slide.chapter];
  const figure = step.figure === 'ev-growth' ? demo.figures['ev-growth'] : null;
  return (
    <section className="demo-caption" lang={lang} data-testid="demo-caption" key={slide.index}>
      <p className="demo-chapter">{chapter.title[lang]}</p>
      <h2 className="demo-title">{step.caption[lang]}</h2>
      {step.body[lang] && <p className="demo-body">{step.body[lang]}</p>}
      {figure && <EvGrowthFigure data={figure} lang={lang} />}
    </section>
  );
}

/** Electric vehicles registered in Bochum at each year's end, as bars. */
function EvGrowthFigure({ data, lang }: { data: EvGrowth; lang: 'de' | 'en' }) {
  const max = Math.max(...data.points.map((p) => p.electric));
  const fmt = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB');
  const w = 100 / data.points.length;
  return (
    <figure className="demo-figure">
      <svg viewBox="0 0 100 50" preserveAspectRatio="none" role="img" aria-label={lang === 'de' ? 'Elektrofahrzeuge in Bochum' : 'Electric vehicles in Bochum'}>
        {data.points.map((p, i) => {
          const h = (p.electric / max) * 46;
          return <rect key={p.date} x={i * w + w * 0.15} y={50 - h} width={w * 0.7} height={h} />;
        })}
      </svg>
      <div className="demo-figure-axis">
        <span>{data.points[0].date.slice(0, 4)}: {fmt.format(data.points[0].electric)}</span>
        <span>
          {data.points.at(-1)!.date.slice(0, 7)}: <strong>{fmt.format(data.points.at(-1)!.electric)}</strong>
        </span>
      </div>
    </figure>
  );
}
