import type { AppContext } from '#src/app-context.ts';
import { createTaxonomyService } from '#src/domain/taxonomy/taxonomy-service.ts';
import { can } from './section-policy.ts';
import { createSection, findSectionById, listSections, updateSection, type Section, type SectionInput } from './section-repository.ts';

/** Sections: list, read, create, change; every method takes the actor first and decides by section-policy.ts. */
export function createSectionService(context: Pick<AppContext, 'database' | 'events'>) {
  return createTaxonomyService<Section, SectionInput>(context, { subject: 'section', can, list: listSections, find: findSectionById, insert: createSection, update: updateSection, slugOf: (item) => item.slug });
}
