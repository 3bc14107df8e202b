/**
 * Whether a licence covers a page's copy of an article. The checker takes a LicenceCheck: the
 * licences area (domain/licences/licence-check.ts) answers it from partners' live licences.
 */

/** Answers whether a licence covers the page at `pageUrl` (null when unknown) republishing article `articleId`. */
export type LicenceCheck = (articleId: number, pageUrl: string | null) => Promise<boolean>;
