import { domainToASCII } from 'node:url';

/** The longest host name DNS allows (RFC 1035 §2.3.4), in characters of its ASCII form. */
const MAX_HOST_LENGTH = 253;
// A DNS label (RFC 1123 §2.1): letters, digits and hyphens, 1 to 63, not starting or ending with a hyphen.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why a text is not a partner's host name, for the message naming the field. */
export type DomainProblem = 'empty' | 'address' | 'format';

/**
 * A partner's host name as stored: lower case, ASCII (an internationalised name such as
 * «ақпарат.қаз» becomes its punycode form, as URLs carry it), without a scheme, path, port or
 * trailing dot, and without a leading "www." (a domain covers its subdomains, so "partner.kz"
 * covers www.partner.kz too). A URL is accepted and its host taken. Answers the problem instead for
 * an empty text, an IP address or localhost (a partner publishes under a name), or anything that
 * is not two or more DNS labels.
 */
export function normalizeDomain(text: string): { domain: string } | { problem: DomainProblem } {
  let host = text.trim().toLowerCase();
  if (host === '') return { problem: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return { problem: 'format' };
    }
  } else {
    host = host.split(/[/?#]/, 1)[0]!;
  }
  if (host.startsWith('[') || /^[\d.]+$/.test(host) || host.includes(':')) return { problem: 'address' };
  host = domainToASCII(host.replace(/\.$/, ''));
  if (host === '') return { problem: 'format' };
  if (host === 'localhost' || host.endsWith('.localhost')) return { problem: 'address' };
  if (host.startsWith('www.')) host = host.slice(4);
  const labels = host.split('.');
  if (host.length > MAX_HOST_LENGTH || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { problem: 'format' };
  // A top-level domain is never all digits (RFC 3696 §2): "10.0.0" read as a name is an address.
  if (/^\d+$/.test(labels.at(-1)!)) return { problem: 'address' };
  return { domain: host };
}

/** The host of an http(s) page URL in the stored form (lower case, ASCII, no trailing dot), or null. */
export function hostOfPage(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host === '' ? null : host;
}

/**
 * The stored domains that would cover `host`: the host itself and each parent with two or more
 * labels ("news.partner.kz" → news.partner.kz, partner.kz). A partner's domain covers its
 * subdomains, never its parents or siblings.
 */
export function domainsCovering(host: string): string[] {
  const labels = host.split('.');
  const candidates: string[] = [];
  for (let i = 0; i <= labels.length - 2; i += 1) candidates.push(labels.slice(i).join('.'));
  return candidates;
}
