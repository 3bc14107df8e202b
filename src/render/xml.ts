// Characters XML 1.0 forbids outright (C0 controls but tab/newline/return, lone surrogates,
// U+FFFE/U+FFFF): an editor's pasted text may carry them, and one would make the whole feed invalid.
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or attribute: entities escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An instant as RFC 822 date-time, the form RSS 2.0 requires (in GMT). */
export function toRfc822(instant: string): string {
  return new Date(instant).toUTCString();
}
