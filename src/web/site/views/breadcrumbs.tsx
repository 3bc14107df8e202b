import type { LinkModel } from '#src/domain/articles/article-presenter.ts';
import type { PageLanguage } from '../page-language.ts';

/** "Main Page › Section › Title" as an ordered list; the Main Page comes first, the last crumb is the current page. */
export function Breadcrumbs({ trail, current, lang }: { trail: LinkModel[]; current: string; lang: PageLanguage }) {
  const home = { name: lang.translator.t('breadcrumbs.home'), path: lang.path('/') };
  return (
    <nav class="breadcrumbs" aria-label={lang.translator.t('breadcrumbs.label')}>
      <ol>
        {[home, ...trail].map((link) => (
          <li>
            <a href={link.path}>{link.name}</a>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
