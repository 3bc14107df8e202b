import { randomBytes } from 'node:crypto';
import type { AppContext } from '#src/app-context.ts';
import type { LicenceScope } from '#src/db/schema.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { createPartnerService } from '#src/domain/licences/partner-service.ts';
import { ANONYMOUS, asSystem } from '#src/domain/people/actor.ts';
import { createPublishedArticle } from './factories.ts';

/** A domain no other test uses: `name-1a2b3c4d.example`. */
export function uniqueDomain(name = 'partner'): string {
  return `${name}-${randomBytes(4).toString('hex')}.example`;
}

/** A pending licence request from the public form for a published article (made when none is given). */
export async function createLicenceRequestFixture(context: AppContext, options: { articleId?: number; domain?: string; organisation?: string } = {}) {
  const articleId = options.articleId ?? (await createPublishedArticle(context)).id;
  const domain = options.domain ?? uniqueDomain();
  return createLicenceService(context).request(
    ANONYMOUS,
    { articleId, organisation: options.organisation ?? `Publisher of ${domain}`, contactName: 'Aliya Nurova', contactEmail: `desk@${domain}`, domain, message: 'We would like to republish it.' },
    { source: 'form', language: 'en' },
  );
}

/** A partner with one domain (or those given), made by the system. */
export async function createPartnerFixture(context: AppContext, options: { domains?: string[]; organisation?: string; apiKeyId?: number | null } = {}) {
  const domains = options.domains ?? [uniqueDomain()];
  return createPartnerService(context).create(asSystem(), {
    organisation: options.organisation ?? `Partner ${domains[0]}`,
    contactName: 'Daniyar Seitkali',
    contactEmail: `rights@${domains[0]}`,
    domains,
    apiKeyId: options.apiKeyId ?? null,
  });
}

/** A licence granted by approving a request (for `domain`, or a new one) over `scope`, until `expiresAt` (default: a year ahead). */
export async function createLicenceFixture(
  context: AppContext,
  options: { articleId?: number; domain?: string; scope?: LicenceScope; sectionId?: number; expiresAt?: string; now?: string } = {},
) {
  const request = await createLicenceRequestFixture(context, { articleId: options.articleId, domain: options.domain });
  const expiresAt = options.expiresAt ?? new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  return createLicenceService(context).approve(
    asSystem(),
    request.id,
    { scope: options.scope ?? 'article', sectionId: options.sectionId, expiresAt, note: '' },
    options.now,
  );
}
