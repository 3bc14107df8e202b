import { EventEmitter } from 'node:events';

/** Domain events, emitted by services after their transaction commits. */
export type DomainEvents = {
  'article.published': [{ articleId: number }];
  'article.updated': [{ articleId: number }];
  'article.unpublished': [{ articleId: number }];
  'settings.updated': [];
  'taxonomy.updated': [];
  'media.updated': [{ mediaId: number }];
};

/** A typed event bus; listeners (cache invalidation, webhooks, sitemaps) subscribe in web/server.ts. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEvents>(name: K, ...args: DomainEvents[K]): void {
    this.emitter.emit(name, ...args);
  }

  on<K extends keyof DomainEvents>(name: K, listener: (...args: DomainEvents[K]) => void): void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
  }
}
