import { z } from 'zod';
import { LICENCE_REQUEST_STATUSES, LICENCE_SCOPES } from '#src/db/schema.ts';
import { rowNumberField } from '#src/lib/id-input.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';

/** Longest organisation or contact name kept (characters). */
export const MAX_NAME_LENGTH = 200;
/** Longest message of a request, or note of a decision (characters). */
export const MAX_MESSAGE_LENGTH = 2000;
/** Most host names one partner may have. */
export const MAX_PARTNER_DOMAINS = 20;

const organisation = textField().trim().min(1, 'Give the organisation’s name.').max(MAX_NAME_LENGTH, `Use at most ${MAX_NAME_LENGTH} characters.`);
const contactName = textField().trim().min(1, 'Give the name of a person to contact.').max(MAX_NAME_LENGTH, `Use at most ${MAX_NAME_LENGTH} characters.`);
const contactEmail = textField().trim().max(320, 'This email address is too long.').pipe(z.email('Enter a valid email address, such as name@example.kz.'));
/** A host name as typed (or a URL); the service checks and normalises it (licence-domains.ts). */
const domain = textField().trim().min(1, 'Give the website’s domain, such as partner.kz.').max(2000, 'This domain is too long.');

/** A new partner, as the newsroom form and the API send it. */
export const partnerInputSchema = z.object({
  /** The organisation's name. */
  organisation,
  /** Whom to write to about its licences. */
  contactName,
  contactEmail,
  /** The host names it publishes under (each covers its subdomains); at least one. */
  domains: z.array(domain).min(1, 'Give at least one domain.').max(MAX_PARTNER_DOMAINS, `Give at most ${MAX_PARTNER_DOMAINS} domains.`),
  /** The API key its syndication feed is read with, or null (admins only may set it). */
  apiKeyId: rowNumberField().nullable().optional(),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;

/** Changes to a partner: any of its fields. */
export const partnerPatchSchema = partnerInputSchema.partial();
export type PartnerPatch = z.infer<typeof partnerPatchSchema>;

/** A request to republish an article in full: from the public form, or the Admin API. */
export const licenceRequestInputSchema = z.object({
  /** The article asked for (it must be published). */
  articleId: rowNumberField(),
  organisation,
  contactName,
  contactEmail,
  /** The website (host name) the article would appear on. */
  domain,
  /** Where and how the article would be republished. */
  message: multilineTextField().trim().max(MAX_MESSAGE_LENGTH, `Use at most ${MAX_MESSAGE_LENGTH} characters.`).default(''),
});
export type LicenceRequestInput = z.input<typeof licenceRequestInputSchema>;

/**
 * The same through the Admin API: a partner's own API key may leave out who is asking (its
 * partner's organisation, contact and first domain are used); anyone else must give them.
 */
export const apiLicenceRequestSchema = licenceRequestInputSchema.partial({ organisation: true, contactName: true, contactEmail: true, domain: true });
export type ApiLicenceRequestInput = z.input<typeof apiLicenceRequestSchema>;

/** An editor's approval: what the licence covers and until when. */
export const approvalSchema = z.object({
  /** 'article': the requested article; 'section': its section (or `sectionId`) with subsections; 'all': every article. */
  scope: z.enum(LICENCE_SCOPES, { message: 'Choose what the licence covers: article, section or all.' }),
  /** The section of a section licence; default: the requested article's section. */
  sectionId: rowNumberField().optional(),
  /** When the licence ends (ISO-8601 instant, in the future). */
  expiresAt: z.iso.datetime({ offset: true, message: 'Give the expiry as an ISO date and time, such as 2027-12-31T23:59:59Z.' }),
  /** Terms or remarks for the partner (shown in its feed). */
  note: multilineTextField().trim().max(MAX_MESSAGE_LENGTH, `Use at most ${MAX_MESSAGE_LENGTH} characters.`).default(''),
});
export type ApprovalInput = z.input<typeof approvalSchema>;

/** An editor's refusal, with the reason. */
export const denialSchema = z.object({
  /** Why the request was refused (kept with it). */
  note: multilineTextField().trim().min(1, 'Say why the request is refused.').max(MAX_MESSAGE_LENGTH, `Use at most ${MAX_MESSAGE_LENGTH} characters.`),
});
export type DenialInput = z.input<typeof denialSchema>;

/** Which requests a queue shows. */
export const requestStatusFilterSchema = z.enum(LICENCE_REQUEST_STATUSES);
