import type { LinkModel } from '#src/domain/articles/article-presenter.ts';

/** "Main Page › Section › Title" as an ordered list; the last crumb is the current page. */
export function Breadcrumbs({ trail, current }: { trail: LinkModel[]; current: string }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((link) => (
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
