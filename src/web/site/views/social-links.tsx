import type { JSX } from 'preact';
import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { SOCIAL_NETWORKS, type SocialNetwork } from '#src/domain/settings/social-networks.ts';
import type { PageLanguage } from '../page-language.ts';

// Simple 24×24 glyphs drawn in currentColor, so they follow the text colour and focus styles.
const ICONS: Record<SocialNetwork, JSX.Element> = {
  facebook: <path d="M15 3h-2.5A4.5 4.5 0 0 0 8 7.5V10H6v4h2v7h4v-7h3l.5-4H12V8a1 1 0 0 1 1-1h2z" />,
  instagram: (
    <>
      <path d="M7 2h10a5 5 0 0 1 5 5v10a5 5 0 0 1-5 5H7a5 5 0 0 1-5-5V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v10a3 3 0 0 0 3 3h10a3 3 0 0 0 3-3V7a3 3 0 0 0-3-3z" />
      <path d="M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z" />
      <circle cx="17.5" cy="6.5" r="1.2" />
    </>
  ),
  tiktok: <path d="M16 3c.4 2.3 1.9 3.8 4 4v3.2a7.4 7.4 0 0 1-4-1.3V15a6 6 0 1 1-6-6v3.3a2.7 2.7 0 1 0 2.7 2.7V3z" />,
  x: <path d="M4 3h4.5l4 5.6L17.3 3H20l-6.2 7.2L21 21h-4.5l-4.4-6.2L6.7 21H4l6.8-7.8z" />,
  telegram: <path d="M21.5 3.5 2.3 11c-.9.4-.9 1.6.1 1.9l4.8 1.5 1.8 5.6c.3.8 1.3 1 1.9.4l2.6-2.5 4.9 3.6c.7.5 1.6.1 1.8-.7L23 4.7c.2-.9-.7-1.6-1.5-1.2zM9.6 14.6l-.4 3.6-1.4-4.4 10-6.3z" />,
  youtube: (
    <path d="M22 8.2a3 3 0 0 0-2.1-2.1C18 5.6 12 5.6 12 5.6s-6 0-7.9.5A3 3 0 0 0 2 8.2 31 31 0 0 0 1.6 12c0 1.3.1 2.5.4 3.8a3 3 0 0 0 2.1 2.1c1.9.5 7.9.5 7.9.5s6 0 7.9-.5a3 3 0 0 0 2.1-2.1c.3-1.3.4-2.5.4-3.8 0-1.3-.1-2.5-.4-3.8zM10 15.5v-7l6 3.5z" />
  ),
  rss: (
    <>
      <circle cx="5" cy="19" r="2.2" />
      <path d="M3 10a11 11 0 0 1 11 11h-3a8 8 0 0 0-8-8zm0-6a17 17 0 0 1 17 17h-3A14 14 0 0 0 3 7z" />
    </>
  ),
};

/** Only web links or site paths; settings come from admins, but a `javascript:` URL must never render. */
function isSafeLink(url: string): boolean {
  return /^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url);
}

/** The header's row of social network links, in the seed page's order, each with an accessible name. */
export function SocialLinks({ settings, lang }: { settings: SiteSettings; lang: PageLanguage }) {
  const links = SOCIAL_NETWORKS.flatMap((network) => {
    const setting = settings.socialLinks[network];
    // The site's own feed, named as a path, is the page language's feed (/ru/feed.xml on Russian pages).
    const url = network === 'rss' && setting?.startsWith('/') ? lang.path(setting) : setting;
    return url && isSafeLink(url) ? [{ network, url }] : [];
  });
  if (links.length === 0) return null;
  return (
    <ul class="social-links">
      {links.map(({ network, url }) => (
        <li>
          <a href={url} class={`social-link social-${network}`} rel={url.startsWith('/') ? undefined : 'noopener'}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              {ICONS[network]}
            </svg>
            <span class="visually-hidden">{lang.translator.t(`social.${network}`)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
