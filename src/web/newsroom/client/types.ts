import type { ArticleFields } from '#src/domain/articles/article-fields.ts';

// The API's own types (type-only imports: nothing of the server enters the bundle).
export type { ArticleJson } from '#src/domain/articles/article-json.ts';
export type { MediaView } from '#src/domain/media/media-repository.ts';
export type { PendingEdit } from '#src/domain/articles/article-pending-edits.ts';

/** The fields an editor edits, as the editor page keeps them: the stored fields, with no section chosen yet allowed. */
export type ArticleDraft = Omit<ArticleFields, 'sectionId'> & { sectionId: number | null };

/** What the server page hands the editor island in its JSON data block (read by src/domain/articles/article-editor-data.ts). */
export type { ArticleEditorData as EditorBootData } from '#src/domain/articles/article-editor-data.ts';
