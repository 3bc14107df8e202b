import { Fragment } from 'preact';
import type { ReviewEntry } from '#src/domain/articles/article-review.ts';
import { segmentComment } from '#src/domain/comments/comment-mentions.ts';
import type { CommentJson, CommentThread } from '#src/domain/comments/comment-repository.ts';
import { COMMENT_LIMITS } from '#src/domain/comments/comment-schema.ts';
import type { Discussion } from '#src/domain/comments/comment-service.ts';
import { CsrfField } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';

/**
 * What was typed into a comment form the server refused, shown again with the reason (nothing
 * typed is lost). `form`: 'new', `reply-<thread id>` or `edit-<comment id>`.
 */
export type CommentDraft = { form: string; body: string; error: string };

type PanelProps = {
  articleId: number;
  discussion: Discussion;
  timeZone: string;
  /** The viewer's own handle, for the hint's example. */
  viewerHandle: string;
  csrfToken: string | null;
  /** A refused comment, to show again in its form; null normally. */
  draft: CommentDraft | null;
  /** False on the history page: the discussion is shown, not added to. */
  canWrite: boolean;
};

/** A comment's text: escaped plain text (Preact escapes every string), with mentions as marked names. */
function CommentText({ comment }: { comment: CommentJson }) {
  const { t } = useNewsroomT();
  if (comment.deletedAt !== null) return <p class="cm-text nr-muted">{t('comments.withdrawn')}</p>;
  const names = new Map(comment.mentions.map((m) => [m.userId, m.name]));
  return (
    <p class="cm-text">
      {segmentComment(comment.body, comment.mentions).map((segment, i) =>
        segment.userId === undefined ? (
          segment.text
        ) : (
          <mark class="cm-mention" key={i} title={t('comments.mentionOf', { name: names.get(segment.userId) ?? '' })}>
            {segment.text}
          </mark>
        ),
      )}
    </p>
  );
}

function CommentForm(props: {
  action: string;
  fieldId: string;
  label: string;
  submit: string;
  csrfToken: string | null;
  draft: CommentDraft | null;
  /** The text already there (editing). */
  initial?: string;
}) {
  const { t } = useNewsroomT();
  const errorId = `${props.fieldId}-error`;
  return (
    <form method="post" action={props.action} class="cm-form">
      <CsrfField token={props.csrfToken} />
      <div class="nr-field">
        <label for={props.fieldId}>{props.label}</label>
        <textarea
          id={props.fieldId}
          name="body"
          rows={3}
          required
          maxLength={COMMENT_LIMITS.body}
          aria-describedby={props.draft ? `${errorId} ${props.fieldId}-hint` : `${props.fieldId}-hint`}
          aria-invalid={props.draft ? 'true' : undefined}
        >
          {props.draft?.body ?? props.initial ?? ''}
        </textarea>
        <span class="nr-hint" id={`${props.fieldId}-hint`}>
          {t('comments.limit', { max: String(COMMENT_LIMITS.body) })}
        </span>
        {props.draft ? (
          <span class="nr-error" id={errorId} role="alert">
            {props.draft.error}
          </span>
        ) : null}
      </div>
      <button type="submit" class="nr-button nr-button--small">
        {props.submit}
      </button>
    </form>
  );
}

function Comment({ comment, props }: { comment: CommentJson; props: PanelProps }) {
  const { t, dateTime } = useNewsroomT();
  const name = comment.author?.name ?? t('comments.unknownAuthor');
  const mayWithdraw = props.canWrite && props.discussion.withdrawable.includes(comment.id);
  const mayEdit = props.canWrite && props.discussion.editable.includes(comment.id);
  const editDraft = props.draft?.form === `edit-${comment.id}` ? props.draft : null;
  return (
    <article class="cm-comment" id={`comment-${comment.id}`}>
      <header class="cm-meta">
        <strong>{name}</strong>{' '}
        <time class="nr-muted nr-small" dateTime={comment.createdAt}>
          {dateTime(comment.createdAt, props.timeZone)}
        </time>
        {comment.editedAt ? <span class="nr-muted nr-small">{t('comments.edited')}</span> : null}
        {mayWithdraw ? (
          <form method="post" action={`/newsroom/articles/${props.articleId}/comments/${comment.id}/withdraw`} class="nr-inline-form cm-withdraw">
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="nr-button nr-button--quiet nr-button--small" aria-label={t('comments.withdrawComment', { name })}>
              {t('comments.withdraw')}
            </button>
          </form>
        ) : null}
      </header>
      <CommentText comment={comment} />
      {mayEdit ? (
        <details class="cm-reply" open={editDraft !== null}>
          <summary>{t('comments.edit')}</summary>
          <CommentForm
            action={`/newsroom/articles/${props.articleId}/comments/${comment.id}/edit`}
            fieldId={`cm-edit-${comment.id}`}
            label={t('comments.editLabel')}
            submit={t('comments.saveEdit')}
            csrfToken={props.csrfToken}
            draft={editDraft}
            initial={comment.body}
          />
        </details>
      ) : null}
    </article>
  );
}

/** The button that marks a thread resolved, or opens a resolved one again. */
function ResolutionButton({ thread, props }: { thread: CommentThread; props: PanelProps }) {
  const { t } = useNewsroomT();
  const name = thread.author?.name ?? t('comments.unknownAuthor');
  const step = thread.resolution ? 'reopen' : 'resolve';
  return (
    <form method="post" action={`/newsroom/articles/${props.articleId}/comments/${thread.id}/${step}`} class="nr-inline-form cm-resolution">
      <CsrfField token={props.csrfToken} />
      <button type="submit" class="nr-button nr-button--quiet nr-button--small" aria-label={t(step === 'resolve' ? 'comments.resolveThread' : 'comments.reopenThread', { name })}>
        {t(step === 'resolve' ? 'comments.resolve' : 'comments.reopen')}
      </button>
    </form>
  );
}

function Thread({ thread, props }: { thread: CommentThread; props: PanelProps }) {
  const { t, dateTime } = useNewsroomT();
  const draft = props.draft?.form === `reply-${thread.id}` ? props.draft : null;
  const opener = thread.author?.name ?? t('comments.unknownAuthor');
  const conversation = (
    <>
      <Comment comment={thread} props={props} />
      {thread.replies.length > 0 ? (
        <ol class="cm-replies" aria-label={t('comments.replies')}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <Comment comment={reply} props={props} />
            </li>
          ))}
        </ol>
      ) : null}
      {props.canWrite ? (
        <div class="cm-thread-actions">
          {/* A disclosure, not a script: the reply form opens without JavaScript, and stays open when refused. */}
          <details class="cm-reply" open={draft !== null}>
            <summary>{t('comments.reply')}</summary>
            <CommentForm
              action={`/newsroom/articles/${props.articleId}/comments/${thread.id}/replies`}
              fieldId={`cm-reply-${thread.id}`}
              label={t('comments.replyLabel', { name: opener })}
              submit={t('comments.sendReply')}
              csrfToken={props.csrfToken}
              draft={draft}
            />
          </details>
          <ResolutionButton thread={thread} props={props} />
        </div>
      ) : null}
    </>
  );
  if (!thread.resolution) return <li class="cm-thread">{conversation}</li>;
  // A settled point folds away, saying who settled it; it opens on demand (or when a link points into it).
  return (
    <li class="cm-thread cm-thread--resolved">
      <details class="cm-resolved" open={draft !== null}>
        <summary>
          {t('comments.resolvedThread', { name: opener, count: 1 + thread.replies.length })}{' '}
          <span class="nr-muted nr-small">
            {t('comments.resolvedBy', { name: thread.resolution.by?.name ?? t('comments.unknownAuthor') })}{' '}
            <time dateTime={thread.resolution.at}>{dateTime(thread.resolution.at, props.timeZone)}</time>
          </span>
        </summary>
        {conversation}
      </details>
    </li>
  );
}

function ReviewStep({ step, timeZone }: { step: ReviewEntry; timeZone: string }) {
  const { t, dateTime } = useNewsroomT();
  const name = step.createdBy?.name ?? t('comments.unknownAuthor');
  return (
    <li class={`cm-step cm-step--${step.action}`} id={`review-${step.id}`}>
      <p class="cm-meta">
        <span class="cm-step-text">{t(`comments.step.${step.action}`, { name })}</span>{' '}
        <time class="nr-muted nr-small" dateTime={step.createdAt}>
          {dateTime(step.createdAt, timeZone)}
        </time>
      </p>
      {step.note ? <blockquote class="cm-note">{step.note}</blockquote> : null}
    </li>
  );
}

/**
 * The article's review discussion: comment threads and review steps (a return's note among them,
 * so it stays in view after the writer resubmits) in the order they happened, with plain forms to
 * comment, reply and withdraw that work without the editor's script.
 */
export function CommentsPanel(props: PanelProps) {
  const { t } = useNewsroomT();
  const { discussion } = props;
  const items = [
    ...discussion.threads.map((thread) => ({ at: thread.createdAt, key: `c${thread.id}`, node: <Thread thread={thread} props={props} /> })),
    ...discussion.reviewSteps.map((step) => ({ at: step.createdAt, key: `r${step.id}`, node: <ReviewStep step={step} timeZone={props.timeZone} /> })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const openingDraft = props.draft?.form === 'new' ? props.draft : null;
  return (
    <section class="nr-card cm-panel" aria-labelledby="cm-title" id="comments">
      <h2 id="cm-title">{t('comments.heading')}</h2>
      {items.length === 0 ? (
        <p class="nr-muted nr-small">{t('comments.empty')}</p>
      ) : (
        <ol class="cm-timeline" aria-label={t('comments.listLabel')}>
          {items.map((item) => (
            <Fragment key={item.key}>{item.node}</Fragment>
          ))}
        </ol>
      )}
      {props.canWrite ? (
        <>
          <p class="nr-small nr-muted">{t('comments.hint', { handle: props.viewerHandle })}</p>
          <CommentForm
            action={`/newsroom/articles/${props.articleId}/comments`}
            fieldId="cm-body"
            label={t('comments.bodyLabel')}
            submit={t('comments.submit')}
            csrfToken={props.csrfToken}
            draft={openingDraft}
          />
        </>
      ) : null}
    </section>
  );
}
