import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { bochumDisplayFormat } from '../../../common/bochum-time.js';
import { STRINGS, type Lang, type StringKey } from './strings.js';

export interface I18n {
  lang: Lang;
  t: (key: StringKey) => string;
  /** number formatting in the UI language (German: decimal comma) */
  num: (value: number, digits?: number) => string;
  time: (ms: number, withSeconds?: boolean) => string;
  /** day and time in Bochum: "13.08. 15:00" (German), "13 Aug 15:00" (English) */
  dayTime: (ms: number) => string;
  /** day only: "Di 13.08." / "Tue 13 Aug" */
  day: (ms: number) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'de' || fromUrl === 'en') return fromUrl;
  return window.localStorage.getItem('stadtpuls.lang') === 'en' ? 'en' : 'de';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'de' ? 'de-DE' : 'en-GB';
    const numberFormats = new Map<number, Intl.NumberFormat>();
    const hm = bochumDisplayFormat(locale, 'clock');
    const hms = bochumDisplayFormat(locale, 'clockSeconds');
    const withDot = (s: string) => (lang === 'de' && !s.endsWith('.') ? `${s}.` : s);
    const dayOnly =
      lang === 'de'
        ? bochumDisplayFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit' })
        : bochumDisplayFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
    const dayMonth =
      lang === 'de'
        ? bochumDisplayFormat('de-DE', { day: '2-digit', month: '2-digit' })
        : bochumDisplayFormat('en-GB', { day: 'numeric', month: 'short' });
    return {
      lang,
      t: (key) => STRINGS[lang][key],
      num: (v, digits = 0) => {
        let f = numberFormats.get(digits);
        if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
        return f.format(v);
      },
      time: (ms, withSeconds = false) => (withSeconds ? hms : hm).format(ms),
      // German writes the day as "13.08." with its closing dot; not every ICU version adds it.
      dayTime: (ms) => `${withDot(dayMonth.format(ms))} ${bochumDisplayFormat(locale, 'clock').format(ms)}`,
      day: (ms) => withDot(dayOnly.format(ms).replace(/^(\p{L}+)\.?,?\s*/u, '$1 ')),
      setLang: (next) => {
        window.localStorage.setItem('stadtpuls.lang', next);
        document.documentElement.lang = next;
        setLangState(next);
      },
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
