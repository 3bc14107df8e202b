import type { ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import type { Banner } from '#src/domain/curation/curation-schema.ts';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';
import { ArticleList } from './article-list.tsx';
import type { PageLanguage } from '../page-language.ts';

/** A block under the top story, in the layout's order: "Latest" (with images) or a section's. */
export type HomeBlock = { kind: 'latest'; cards: ArticleCardModel[] } | { kind: 'section'; name: string; path: string; cards: ArticleCardModel[] };

/** The breaking banner: plain text, a link when it has one. */
function BreakingBanner({ banner, lang }: { banner: Banner; lang: PageLanguage }) {
  const { t } = lang.translator;
  return (
    <aside class="breaking-banner" aria-label={t('home.breaking')}>
      <strong class="breaking-label">{t('home.breaking')}</strong> {banner.url ? <a href={banner.url}>{banner.text}</a> : <span>{banner.text}</span>}
    </aside>
  );
}

/** The Main Page: one h1 (the site), the breaking banner, the top story, then the blocks in order. */
export function HomeView({ siteName, banner, top, blocks, lang }: { siteName: string; banner: Banner | null; top: ArticleCardModel | null; blocks: HomeBlock[]; lang: PageLanguage }) {
  const { t } = lang.translator;
  return (
    <>
      <h1 class="visually-hidden">{siteName}</h1>
      {banner ? <BreakingBanner banner={banner} lang={lang} /> : null}
      {top ? (
        <section class="top-story" aria-labelledby="top-story-title">
          {top.image ? (
            <div class="top-story-image">
              <ResponsiveImage media={top.image.media} alt="" sizes="(min-width: 64rem) 40rem, 100vw" lazy={false} />
            </div>
          ) : null}
          <div class="top-story-text">
            <p class="top-story-label">{t('home.topStory')}</p>
            <h2 id="top-story-title" class="top-story-title">
              <a href={top.path}>{top.title}</a>
            </h2>
            {top.standfirst ? <p class="card-standfirst">{top.standfirst}</p> : null}
            <p class="card-meta">
              <a href={top.section.path}>{top.section.name}</a>
              {' · '}
              <time datetime={top.date.iso}>{top.date.text}</time>
            </p>
          </div>
        </section>
      ) : (
        <p class="list-empty">{t('home.empty')}</p>
      )}
      {blocks.map((block, i) =>
        block.cards.length === 0 ? null : block.kind === 'latest' ? (
          <section class="home-block" aria-labelledby="latest-title">
            <h2 id="latest-title" class="block-title">
              {t('home.latest')}
            </h2>
            <ArticleList cards={block.cards} level={3} />
          </section>
        ) : (
          <section class="home-block" aria-labelledby={`block-${i}`}>
            <h2 id={`block-${i}`} class="block-title">
              <a href={block.path}>{block.name}</a>
            </h2>
            <ArticleList cards={block.cards} level={3} showImages={false} />
          </section>
        ),
      )}
    </>
  );
}
