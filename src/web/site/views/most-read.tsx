import type { PageLanguage } from '../page-language.ts';

/** An article the block links to. */
export type MostReadItem = { title: string; path: string };

/**
 * "Most read": the page language's most viewed articles over the configured window, numbered.
 * The list comes from memory (recomputed on its own schedule), so the block costs a page nothing.
 */
export function MostRead({ items, lang, headingId }: { items: readonly MostReadItem[]; lang: PageLanguage; headingId: string }) {
  if (items.length === 0) return null;
  return (
    <section class="home-block most-read" aria-labelledby={headingId}>
      <h2 id={headingId} class="block-title">
        {lang.translator.t('home.mostRead')}
      </h2>
      <ol class="most-read-list">
        {items.map((item) => (
          <li>
            <a href={item.path}>{item.title}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}
