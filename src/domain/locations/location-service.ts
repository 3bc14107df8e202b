import type { AppContext } from '#src/app-context.ts';
import { createTaxonomyService } from '#src/domain/taxonomy/taxonomy-service.ts';
import { can } from './location-policy.ts';
import { createLocation, findLocationById, listLocations, updateLocation, type Location, type LocationInput } from './location-repository.ts';

/** Locations: list, read, create, change; every method takes the actor first and decides by location-policy.ts. */
export function createLocationService(context: Pick<AppContext, 'database' | 'events'>) {
  return createTaxonomyService<Location, LocationInput>(context, { subject: 'location', can, list: listLocations, find: findLocationById, insert: createLocation, update: updateLocation });
}
