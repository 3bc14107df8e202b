import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { REFERENCE_LANGUAGE } from '#src/i18n/languages.ts';
import { newsroomTranslatorFor, type NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';

/**
 * The newsroom page's translator, provided once around the page by sendNewsroomPage(): components
 * take it from here instead of passing it down through every prop.
 */
export const NewsroomI18n = createContext<NewsroomTranslator>(newsroomTranslatorFor(REFERENCE_LANGUAGE));

/** The translator of the newsroom page being rendered. */
export function useNewsroomT(): NewsroomTranslator {
  return useContext(NewsroomI18n);
}
