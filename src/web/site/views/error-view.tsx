import type { ArticleCardModel, LinkModel } from '#src/domain/articles/article-presenter.ts';

/** A page that helps a lost reader: what happened, and where to go (Main Page, sections, latest). */
export function ErrorView({ status, message, sections, latest }: { status: number; message: string; sections: LinkModel[]; latest: ArticleCardModel[] }) {
  const heading = status === 404 ? 'Page not found' : status === 503 ? 'Temporarily unavailable' : status >= 500 ? 'Something went wrong' : 'This request could not be completed';
  return (
    <div class="error-page">
      <p class="list-kind">Error {status}</p>
      <h1>{heading}</h1>
      <p class="error-message">{message}</p>
      <p>
        <a href="/" class="button-link">
          Go to the Main Page
        </a>
      </p>
      {sections.length > 0 ? (
        <section aria-labelledby="error-sections">
          <h2 id="error-sections">Sections</h2>
          <ul class="error-links">
            {sections.map((s) => (
              <li>
                <a href={s.path}>{s.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {latest.length > 0 ? (
        <section aria-labelledby="error-latest">
          <h2 id="error-latest">Latest articles</h2>
          <ul class="error-links">
            {latest.map((a) => (
              <li>
                <a href={a.path}>{a.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
