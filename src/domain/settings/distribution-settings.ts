import { randomBytes } from 'node:crypto';
import { Invalid } from '#src/lib/errors.ts';
import { outwardUrl } from '#src/lib/outward-url.ts';
import type { SiteSettings } from './settings-repository.ts';

/** IndexNow's rule for a key (indexnow.org/documentation): 8 to 128 characters of a–z, A–Z, 0–9 and "-". */
export const INDEXNOW_KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;

/** Longest hub or endpoint URL kept (characters). */
const MAX_URL_LENGTH = 2000;

/** The settings that send pings outward. */
export type DistributionSettings = Pick<SiteSettings, 'websubHubUrl' | 'indexNowEndpoint' | 'indexNowKey'>;

/** A URL pings are sent to, as stored, or Invalid naming `field`. */
function pingUrl(text: string, field: string, example: string, allowHosts: readonly string[]): string {
  if (text.length > MAX_URL_LENGTH) throw new Invalid(field, `Use at most ${MAX_URL_LENGTH} characters.`);
  return outwardUrl(text, { allowHosts, field, example });
}

/**
 * The distribution settings as they will be stored, or Invalid naming the field: the hub and the
 * IndexNow endpoint are absolute http(s) URLs outside the network (unless the operator allows the
 * host), the key follows IndexNow's rule, and an endpoint without a key gets a new random one
 * (32 hex digits), since IndexNow cannot work without it.
 */
export function checkedDistribution(settings: DistributionSettings, allowHosts: readonly string[]): DistributionSettings {
  const websubHubUrl = settings.websubHubUrl === null ? null : pingUrl(settings.websubHubUrl, 'websubHubUrl', 'https://pubsubhubbub.appspot.com/', allowHosts);
  const indexNowEndpoint = settings.indexNowEndpoint === null ? null : pingUrl(settings.indexNowEndpoint, 'indexNowEndpoint', 'https://api.indexnow.org/indexnow', allowHosts);
  if (settings.indexNowKey !== null && !INDEXNOW_KEY_PATTERN.test(settings.indexNowKey)) {
    throw new Invalid('indexNowKey', 'An IndexNow key has 8 to 128 characters: letters a–z and A–Z, digits and "-".');
  }
  const indexNowKey = settings.indexNowKey ?? (indexNowEndpoint !== null ? randomBytes(16).toString('hex') : null);
  return { websubHubUrl, indexNowEndpoint, indexNowKey };
}
