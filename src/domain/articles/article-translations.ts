import type { Executor } from '#src/db/database.ts';
import { Invalid } from '#src/lib/errors.ts';
import { findArticleById, hasTranslations, listTranslationGroup, type TranslationMember } from './article-repository.ts';

/** What an article's translation link is about to become, and which of its fields changed. */
export type TranslationLinkChange = {
  /** The article being written; null when it is being created. */
  selfId: number | null;
  language: string;
  /** The original asked for (possibly a translation, whose original is meant); null: an original. */
  translationOfId: number | null;
  /** The field the writer changed, named in a refusal: 'translationOfId' or 'language'. */
  field: 'translationOfId' | 'language';
};

/**
 * Translations form a star around one original: each translation points at the original, never at
 * another translation, and a group holds one article per language (trashed ones leave their place).
 * Answers the link to store (a translation's id is normalised to its original) or throws
 * Invalid naming the field: itself, a missing or trashed original, a chain (this article has
 * translations of its own, or the target is one of them), or a language the group already has.
 */
export async function resolveTranslationLink(db: Executor, change: TranslationLinkChange): Promise<number | null> {
  const { selfId, language, field } = change;
  let originalId = change.translationOfId;
  if (originalId !== null) {
    if (originalId === selfId) throw new Invalid('translationOfId', 'An article cannot be a translation of itself.');
    const target = await findArticleById(db, originalId);
    if (!target) throw new Invalid('translationOfId', `There is no article ${originalId} to translate.`);
    if (target.status === 'trashed') throw new Invalid('translationOfId', `Article ${originalId} is in the trash; restore it first.`);
    if (target.translationOfId !== null) {
      // A translation of a translation means the same story: link to the original.
      originalId = target.translationOfId;
      if (originalId === selfId) throw new Invalid('translationOfId', `Article ${target.id} is already a translation of this article.`);
      const original = await findArticleById(db, originalId);
      if (!original || original.status === 'trashed') {
        throw new Invalid('translationOfId', `The original of article ${target.id} is missing or in the trash.`);
      }
    }
    if (selfId !== null && (await hasTranslations(db, selfId))) {
      throw new Invalid(
        'translationOfId',
        'This article has translations of its own, so it cannot become a translation of another (that would make a chain): unlink its translations first.',
      );
    }
  }
  await assertLanguageFreeInGroup(db, { id: selfId, translationOfId: originalId, language }, field);
  return originalId;
}

/**
 * Throws Invalid(field) when the translation group of an article (its original's, or its own when
 * it is an original) already has another article, not trashed, in `language`.
 */
export async function assertLanguageFreeInGroup(
  db: Executor,
  article: { id: number | null; translationOfId: number | null; language: string },
  field: string,
): Promise<void> {
  const groupId = article.translationOfId ?? article.id;
  if (groupId === null) return; // a new original: a group of one
  const group = await listTranslationGroup(db, groupId);
  const clash = group.find((member) => member.id !== article.id && member.language === article.language);
  if (clash) {
    throw new Invalid(field, `This story already has a ${article.language} version (article ${clash.id}, "${clash.title}"); a story has one article per language.`);
  }
}

/** The other articles of an article's translation group (trashed ones left out), by id. */
export async function otherTranslations(db: Executor, article: { id: number; translationOfId: number | null }): Promise<TranslationMember[]> {
  const group = await listTranslationGroup(db, article.translationOfId ?? article.id);
  return group.filter((member) => member.id !== article.id);
}
