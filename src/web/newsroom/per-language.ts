import type { LanguageCode } from '#src/i18n/languages.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';

/**
 * A value made once per newsroom language and then reused, such as a form's zod schema whose
 * messages are in that language: `const form = perLanguage((t) => z.object({ … }))`, then
 * `form(translator).safeParse(body)`.
 */
export function perLanguage<T>(build: (t: NewsroomTranslator['t'], translator: NewsroomTranslator) => T): (translator: NewsroomTranslator) => T {
  const made = new Map<LanguageCode, T>();
  return (translator) => {
    let value = made.get(translator.language.code);
    if (value === undefined) {
      value = build(translator.t, translator);
      made.set(translator.language.code, value);
    }
    return value;
  };
}
