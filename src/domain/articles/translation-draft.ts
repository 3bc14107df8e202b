import type { ArticleBody, Block } from './article-body.ts';
import { NO_SEARCH_AND_SOCIAL, type ArticleFields } from './article-fields.ts';

/**
 * The body a translator starts from: the source's structure with the words taken out. Figures
 * (with their caption, credit and alt text, which the translator rewrites in place), embeds and
 * rules stay where they were; each heading stays as an empty heading of its level, so the piece
 * keeps its sections; every run of text blocks between them (paragraphs, lists, quotes) becomes
 * one empty paragraph to write in. An editor translating wants the layout and the pictures done,
 * not a copy of the other language's text to delete line by line (the source is a click away).
 */
export function translationBody(source: ArticleBody): ArticleBody {
  const content: Block[] = [];
  const writeHere = () => {
    if (content.at(-1)?.type !== 'paragraph') content.push({ type: 'paragraph' });
  };
  for (const block of source.content) {
    switch (block.type) {
      case 'figure':
      case 'embed':
      case 'horizontalRule':
        content.push(block);
        break;
      case 'heading':
        content.push({ type: 'heading', attrs: block.attrs });
        break;
      default:
        writeHere();
    }
  }
  if (content.at(-1)?.type !== 'paragraph') content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

/**
 * The fields of a new translation of `source` into `language`: the same section, tags, authors,
 * place, lead image (with this use's caption and credit) and source attribution; the source's title
 * as a placeholder, no standfirst, the body's structure without its words (translationBody).
 */
export function translationDraftFields(source: ArticleFields, language: string, originalId: number): Omit<ArticleFields, 'slug'> {
  return {
    sectionId: source.sectionId,
    title: source.title,
    standfirst: '',
    body: translationBody(source.body),
    leadMediaId: source.leadMediaId,
    leadCaption: source.leadCaption,
    leadCredit: source.leadCredit,
    locationId: source.locationId,
    sourceAttribution: source.sourceAttribution,
    tagIds: source.tagIds,
    authorIds: source.authorIds,
    language,
    translationOfId: originalId,
    // Search and social text is written for each language's readers; the card's image carries over.
    ...NO_SEARCH_AND_SOCIAL,
    socialMediaId: source.socialMediaId,
  };
}
