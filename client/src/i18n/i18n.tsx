import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { STRINGS, type Lang, type StringKey } from './strings.js';

export interface I18n {
  lang: Lang;
  t: (key: StringKey) => string;
  /** number formatting in the UI language (German: decimal comma) */
  num: (value: number, digits?: number) => string;
  time: (ms: number, withSeconds?: boolean) => string;
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
    const timeFormat = (withSeconds: boolean) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined });
    const hm = timeFormat(false);
    const hms = timeFormat(true);
    return {
      lang,
      t: (key) => STRINGS[lang][key],
      num: (v, digits = 0) => {
        let f = numberFormats.get(digits);
        if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
        return f.format(v);
      },
      time: (ms, withSeconds = false) => (withSeconds ? hms : hm).format(ms),
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
