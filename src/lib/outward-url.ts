import { Invalid } from './errors.ts';
import { classifyAddress, isIpLiteral, unbracket } from './safe-fetch-address.ts';
import { isAllowedHost } from './safe-fetch.ts';

/**
 * A URL someone enters for our server to send to (a webhook endpoint, a WebSub hub, an IndexNow
 * endpoint), as it will be stored, or Invalid naming `field`: absolute http(s), and not an address
 * inside the network unless the operator allows its host (OUTBOUND_ALLOW_HOSTS). A name is
 * resolved only when sending (safe-fetch.ts checks it then, every time); an inward IP literal and
 * `localhost` are refused now, as they are always inward.
 */
export function outwardUrl(text: string, options: { allowHosts: readonly string[]; field: string; example: string }): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Invalid(options.field, `Enter an absolute URL, such as ${options.example}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Invalid(options.field, `Requests are sent over http or https, not ${url.protocol.replace(/:$/, '')}.`);
  if (isAllowedHost(url, options.allowHosts)) return url.href;
  const host = unbracket(url.hostname);
  const inward = isIpLiteral(host) ? classifyAddress(host) : /(^|\.)localhost\.?$/i.test(host) ? { allowed: false, range: 'loopback' } : { allowed: true, range: '' };
  if (!inward.allowed) {
    throw new Invalid(options.field, `${host} is a ${inward.range} address: requests go only to public addresses, unless the operator allows the host (OUTBOUND_ALLOW_HOSTS).`);
  }
  return url.href;
}
