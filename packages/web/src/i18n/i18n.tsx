/**
 * Translations: English and Spanish. The language is the viewer's choice (cookie `nw_lang`,
 * so the server renders it too), else the store's default, else English.
 */
import { createContext, createSignal, type JSX, useContext } from "solid-js";
import { isServer } from "solid-js/web";
import { type Dictionary, en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";

export const LANGUAGES = { en, es } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_COOKIE = "nw_lang";

export function isLanguage(value: string | null | undefined): value is Language {
  return value === "en" || value === "es";
}

export function translate(dict: Dictionary, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dict[key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

export interface I18n {
  lang: () => Language;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  formatPrice: (minor: number | string, currency: string) => string;
  formatDate: (iso: string) => string;
  formatTime: (iso: string | Date) => string;
  formatDateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { initial: Language; children: JSX.Element }) {
  const [lang, setLangSignal] = createSignal<Language>(props.initial);
  if (!isServer) document.documentElement.lang = props.initial;
  const setLang = (next: Language) => {
    setLangSignal(next);
    if (!isServer) {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing on webOS and older engines
      document.cookie = `${LANGUAGE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      document.documentElement.lang = next;
    }
  };
  const value: I18n = {
    lang,
    setLang,
    t: (key, vars) => translate(LANGUAGES[lang()], key, vars),
    formatPrice: (minor, currency) =>
      new Intl.NumberFormat(lang(), { style: "currency", currency }).format(Number(minor) / 100),
    formatDate: (iso) => new Intl.DateTimeFormat(lang(), { dateStyle: "medium" }).format(new Date(iso)),
    formatTime: (iso) => new Intl.DateTimeFormat(lang(), { timeStyle: "short" }).format(new Date(iso)),
    formatDateTime: (iso) =>
      new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n needs an I18nProvider");
  return i18n;
}

export type { MessageKey };
