import type { LanguageAlternate } from '../language-alternates.ts';
import type { PageLanguage } from '../page-language.ts';

/**
 * The header's language links: each names its language in that language, and leads to this page
 * in it (or that language's Main Page). `lang` marks each name's own language, so a screen reader
 * pronounces it right and the Kazakh Latin conversion leaves the others' script alone (the
 * Cyrillic Kazakh name is tagged kk-Cyrl for that reason).
 */
export function LanguageSwitcher({ alternates, lang }: { alternates: readonly LanguageAlternate[]; lang: PageLanguage }) {
  if (alternates.length < 2) return null;
  return (
    <nav class="language-switcher" aria-label={lang.translator.t('layout.languageSwitcher')}>
      <ul>
        {alternates.map((a) => (
          <li>
            <a href={a.path} lang={a.code === 'kk' ? 'kk-Cyrl' : a.code} hreflang={a.code} aria-current={a.isCurrent ? 'true' : undefined}>
              {a.nativeName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
