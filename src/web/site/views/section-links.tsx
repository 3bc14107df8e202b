import { sectionPath } from '#src/domain/articles/public-paths.ts';
import type { PageLanguage } from '../page-language.ts';

/** List items linking to sections' pages in the page's language, by name: the footer's and the search help's. */
export function SectionLinkItems({ sections, lang }: { sections: ReadonlyArray<{ slug: string; name: string }>; lang: PageLanguage }) {
  return (
    <>
      {sections.map((s) => (
        <li>
          <a href={lang.path(sectionPath(s.slug))}>{s.name}</a>
        </li>
      ))}
    </>
  );
}
