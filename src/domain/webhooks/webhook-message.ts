import type { Executor } from '#src/db/database.ts';
import { publicArticlePath } from '#src/domain/articles/article-public-path.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import type { DomainEvents } from '#src/lib/events.ts';
import type { WebhookEventType } from './webhook-events.ts';

/** The domain events webhooks carry: each names an article. */
export type ArticleDomainEvent = Extract<keyof DomainEvents, 'article.published' | 'article.updated' | 'article.unpublished'>;

/**
 * The body of a delivery, in the Standard Webhooks shape: `type`, `timestamp` (when the event
 * happened) and `data`. The article is described as a reader would find it, never its draft text.
 */
export type WebhookMessage = {
  type: WebhookEventType;
  timestamp: string;
  data: {
    article: {
      id: number;
      title: string;
      /** The article's public address (where it is, or was, live), under its language's prefix. */
      url: string;
      status: string;
      publishedAt: string | null;
      updatedAt: string;
    };
  };
};

/**
 * The webhook event a domain event is. The domain announces taking a live article down as
 * `article.unpublished` whether it went back to draft or to the trash; the article's status
 * afterwards tells which.
 */
export function webhookTypeOf(event: ArticleDomainEvent, statusNow: string): WebhookEventType {
  if (event === 'article.unpublished' && statusNow === 'trashed') return 'article.trashed';
  return event;
}

/** The message for an event about article `articleId`, or undefined when the article is gone. */
export async function articleMessage(db: Executor, baseUrl: string, event: ArticleDomainEvent, articleId: number, at: string): Promise<WebhookMessage | undefined> {
  const article = await findArticleById(db, articleId);
  if (!article) return undefined;
  const path = await publicArticlePath(db, article);
  return {
    type: webhookTypeOf(event, article.status),
    timestamp: at,
    data: {
      article: {
        id: article.id,
        title: article.title,
        url: `${baseUrl}${path}`,
        status: article.status,
        publishedAt: article.publishedAt,
        updatedAt: article.updatedAt,
      },
    },
  };
}
