import type { ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';
import { ArticleList } from './article-list.tsx';
import type { PageLanguage } from '../page-language.ts';

type Block = { name: string; path: string; cards: ArticleCardModel[] };

/** The Main Page: one h1 (the site), the top story, the latest articles and a block per section. */
export function HomeView({ siteName, top, latest, blocks, lang }: { siteName: string; top: ArticleCardModel | null; latest: ArticleCardModel[]; blocks: Block[]; lang: PageLanguage }) {
  const { t } = lang.translator;
  return (
    <>
      <h1 class="visually-hidden">{siteName}</h1>
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
      {latest.length > 0 ? (
        <section class="home-block" aria-labelledby="latest-title">
          <h2 id="latest-title" class="block-title">
            {t('home.latest')}
          </h2>
          <ArticleList cards={latest} level={3} />
        </section>
      ) : null}
      {blocks.map((block, i) => (
        <section class="home-block" aria-labelledby={`block-${i}`}>
          <h2 id={`block-${i}`} class="block-title">
            <a href={block.path}>{block.name}</a>
          </h2>
          <ArticleList cards={block.cards} level={3} showImages={false} />
        </section>
      ))}
    </>
  );
}
