/**
 * Whether a licence covers a page's copy of an article. Licences (partners, their domains, what
 * each may republish and until when) are issue 10's next part; until they exist no copy is
 * licensed. The checker takes a LicenceCheck, so the licence area plugs its own in here.
 */

/** Answers whether a licence covers the page at `pageUrl` (null when unknown) republishing article `articleId`. */
export type LicenceCheck = (articleId: number, pageUrl: string | null) => Promise<boolean>;

/** Today's answer: no licences exist yet, so none covers any page. */
export const isLicensed: LicenceCheck = async () => false;
