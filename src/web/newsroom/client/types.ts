import type { ArticleFields } from '#src/domain/articles/article-fields.ts';
import type { ArticleEditorData } from '#src/domain/articles/article-editor-data.ts';
import type { IslandMessages } from '#src/i18n/newsroom-translator.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';

// The API's own types (type-only imports: nothing of the server enters the bundle).
export type { ArticleJson } from '#src/domain/articles/article-json.ts';
export type { MediaView } from '#src/domain/media/media-repository.ts';
export type { PendingEdit } from '#src/domain/articles/article-pending-edits.ts';

/** The fields an editor edits, as the editor page keeps them: the stored fields, with no section chosen yet allowed. */
export type ArticleDraft = Omit<ArticleFields, 'sectionId'> & { sectionId: number | null };

/**
 * What the server page hands the editor island in its JSON data block: the editor's data
 * (src/domain/articles/article-editor-data.ts) and its messages in the user's newsroom language.
 */
export type EditorBootData = ArticleEditorData & { i18n: IslandMessages };

/** What the static page form hands its body island: the body, the library images it places, and the island's messages. */
export type PageBodyBootData = { body: ArticleBody; media: MediaView[]; i18n: IslandMessages };
