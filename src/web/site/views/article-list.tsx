import type { ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';

/** How wide a card image is drawn: full width on phones, a grid column from 40rem. */
const CARD_IMAGE_SIZES = '(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw';

type HeadingLevel = 2 | 3;

/** One article in a list: image, linked title, standfirst, section and date. */
export function ArticleCard({ card, level, showImage, lazy }: { card: ArticleCardModel; level: HeadingLevel; showImage: boolean; lazy: boolean }) {
  const Heading = `h${level}` as 'h2' | 'h3';
  return (
    <article class="card">
      {showImage && card.image ? (
        <div class="card-image">
          <ResponsiveImage media={card.image.media} alt={card.image.alt} sizes={CARD_IMAGE_SIZES} lazy={lazy} />
        </div>
      ) : null}
      <Heading class="card-title">
        <a href={card.path}>{card.title}</a>
      </Heading>
      {card.standfirst ? <p class="card-standfirst">{card.standfirst}</p> : null}
      <p class="card-meta">
        <a href={card.section.path}>{card.section.name}</a>
        {' · '}
        <time datetime={card.date.iso}>{card.date.text}</time>
      </p>
    </article>
  );
}

/** A grid of article cards. */
export function ArticleList({ cards, level, showImages = true }: { cards: ArticleCardModel[]; level: HeadingLevel; showImages?: boolean }) {
  return (
    <div class={showImages ? 'card-grid' : 'card-grid card-grid-compact'}>
      {cards.map((card, i) => (
        <ArticleCard card={card} level={level} showImage={showImages} lazy={i >= 2} />
      ))}
    </div>
  );
}
