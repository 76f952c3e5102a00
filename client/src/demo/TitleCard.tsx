import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { Tour } from '../../../common/tour.js';

/** The closing card: the project's name, a line to the visitor and a QR code to its page (drawn here, no request). */
export function TitleCard({ card, lang }: { card: Tour['titleCard']; lang: 'de' | 'en' }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(card.url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#0b1620', light: '#ffffff' } })
      .then((s) => !cancelled && setSvg(s))
      .catch(() => !cancelled && setSvg(null));
    return () => {
      cancelled = true;
    };
  }, [card.url]);
  return (
    <section className="demo-title-card" lang={lang} data-testid="demo-title-card">
      <div className="demo-title-text">
        <h2 className="demo-title">{card.title[lang]}</h2>
        <p className="demo-body">{card.body[lang]}</p>
        <p className="demo-url">{card.url.replace(/^https?:\/\//, '')}</p>
      </div>
      {svg && <div className="demo-qr" data-testid="demo-qr" dangerouslySetInnerHTML={{ __html: svg }} />}
    </section>
  );
}
