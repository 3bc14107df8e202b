import type { AppContext } from '#src/app-context.ts';
import { createTaxonomyService } from '#src/domain/taxonomy/taxonomy-service.ts';
import { can } from './author-policy.ts';
import { createAuthor, findAuthorById, listAuthors, updateAuthor, type Author, type AuthorInput } from './author-repository.ts';

/** Authors: list, read, create, change; every method takes the actor first and decides by author-policy.ts. */
export function createAuthorService(context: Pick<AppContext, 'database' | 'events'>) {
  return createTaxonomyService<Author, AuthorInput>(context, { subject: 'author', can, list: listAuthors, find: findAuthorById, insert: createAuthor, update: updateAuthor, slugOf: (item) => item.slug });
}
