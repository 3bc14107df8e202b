import ipaddr from 'ipaddr.js';

/**
 * Which addresses an outbound request may reach: the rule behind safe-fetch.ts, kept apart so it
 * can be tested over a table of addresses without sending a packet.
 *
 * Deny by default: only addresses ipaddr.js classes as plain `unicast` pass. Everything it names
 * is refused: loopback (127/8, ::1), RFC 1918 `private` (10/8, 172.16/12, 192.168/16),
 * `linkLocal` (169.254/16 — the cloud metadata service 169.254.169.254 — and fe80::/10),
 * `carrierGradeNat` (100.64/10, where Alibaba's metadata sits), `uniqueLocal` fc00::/7 (AWS's
 * IPv6 metadata fd00:ec2::254), `unspecified` (0.0.0.0/8, ::), `multicast`, `broadcast`,
 * `reserved` and documentation ranges, and the IPv6 forms that carry an IPv4 address inside
 * (`ipv4Mapped` ::ffff:0:0/96, `rfc6145`, `rfc6052` NAT64, `6to4`, `teredo`), which could smuggle
 * an inward IPv4 address past a check that looked only at IPv6 ranges. IPv6 must moreover lie in
 * 2000::/3, the only block IANA hands out as global unicast: the deprecated IPv4-compatible form
 * (::7f00:1) is `unicast` to ipaddr.js but is no public address either.
 */

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** An address, parsed; `range` is ipaddr.js's name for the block it is in ('unicast' for an ordinary public one). */
export type AddressVerdict = { address: string; family: 4 | 6; range: string; allowed: boolean };

/** Whether `text` is an IP address literal (IPv4 dotted quad or IPv6, with or without [brackets]). */
export function isIpLiteral(text: string): boolean {
  const bare = unbracket(text);
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare);
}

/** The host of a URL without IPv6 brackets: "[::1]" → "::1". */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Classifies one address (IPv4 or IPv6, brackets optional). Throws TypeError for text that is not
 * an address. IPv4 must be four decimal parts: the old shorthand forms ("127.1", "0x7f.1",
 * "2130706433") are what resolvers and URL parsers disagree on, so they are not addresses here.
 */
export function classifyAddress(text: string): AddressVerdict {
  const bare = unbracket(text);
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) parsed = ipaddr.IPv4.parse(bare);
  else if (ipaddr.IPv6.isValid(bare)) parsed = ipaddr.IPv6.parse(bare);
  else throw new TypeError(`Not an IP address: ${JSON.stringify(text)}`);
  const range = parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6) && parsed.range() === 'unicast' ? 'notGlobalUnicast' : parsed.range();
  return {
    address: parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString(),
    family: parsed.kind() === 'ipv6' ? 6 : 4,
    range,
    allowed: range === 'unicast',
  };
}

/** Whether an outbound request may connect to `address` (see the rule above); false for anything that is not an address. */
export function isPublicAddress(address: string): boolean {
  try {
    return classifyAddress(address).allowed;
  } catch {
    return false;
  }
}
