import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { REFERENCE_LANGUAGE } from '#src/i18n/languages.ts';
import { newsroomTranslatorFor, type NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';

/**
 * The newsroom page's translator, provided once around the page by sendNewsroomPage(): components
 * take it from here instead of passing it down through every prop.
 */
// No default built here: building a translator at import was ~2.5% of every start-up's CPU, and
// every newsroom page is rendered inside a provider.
export const NewsroomI18n = createContext<NewsroomTranslator | undefined>(undefined);

/** The translator of the newsroom page being rendered (the reference language's outside a provider). */
export function useNewsroomT(): NewsroomTranslator {
  return useContext(NewsroomI18n) ?? newsroomTranslatorFor(REFERENCE_LANGUAGE);
}
