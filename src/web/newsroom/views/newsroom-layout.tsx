import type { ComponentChildren } from 'preact';
import type { Role } from '#src/db/schema.ts';
import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** One entry of the newsroom's navigation: `key` is what pages pass as `active`. */
type NavItem = { key: string; label: string; href: string; role: Role };

/** The newsroom's navigation, shown only to roles that may open each page (the server checks again). */
export const NEWSROOM_NAV: readonly NavItem[] = [
  { key: 'articles', label: 'Articles', href: '/newsroom', role: 'contributor' },
  { key: 'review', label: 'Review', href: '/newsroom/review', role: 'contributor' },
  { key: 'media', label: 'Media', href: '/newsroom/media', role: 'contributor' },
  { key: 'sections', label: 'Sections', href: '/newsroom/sections', role: 'editor' },
  { key: 'tags', label: 'Tags', href: '/newsroom/tags', role: 'editor' },
  { key: 'authors', label: 'Authors', href: '/newsroom/authors', role: 'editor' },
  { key: 'locations', label: 'Locations', href: '/newsroom/locations', role: 'editor' },
  { key: 'licences', label: 'Licences', href: '/newsroom/licences/requests', role: 'editor' },
  { key: 'partners', label: 'Partners', href: '/newsroom/partners', role: 'editor' },
  { key: 'settings', label: 'Settings', href: '/newsroom/settings', role: 'admin' },
  { key: 'users', label: 'Users', href: '/newsroom/users', role: 'admin' },
  { key: 'webhooks', label: 'Webhooks', href: '/newsroom/webhooks', role: 'admin' },
  { key: 'api-keys', label: 'API keys', href: '/newsroom/api-keys', role: 'admin' },
  { key: 'rights', label: 'Rights', href: '/newsroom/rights', role: 'editor' },
  { key: 'audit', label: 'Audit log', href: '/newsroom/audit', role: 'editor' },
];

export type NewsroomLayoutProps = {
  /** The page's own title; the document title adds " · Newsroom". */
  title: string;
  /** The signed-in user; anonymous on the sign-in and password-reset pages (no navigation then). */
  actor: Actor;
  /** The session's CSRF token, published in `<meta name="csrf-token">` for client scripts. */
  csrfToken: string | null;
  /** Key of the navigation entry to mark as current (see NEWSROOM_NAV). */
  active?: string;
  children?: ComponentChildren;
  /** Extra module scripts, as '/assets/…' URLs (no inline scripts: the CSP forbids them). */
  scripts?: string[];
  /** Extra stylesheets, as '/assets/…' URLs. */
  styles?: string[];
};

/** A whole newsroom HTML document: header with navigation and sign-out, then the page. Render with renderDocument(). */
export function NewsroomLayout({ title, actor, csrfToken, active, children, scripts = [], styles = [] }: NewsroomLayoutProps) {
  const user = actor.kind === 'user' ? actor : null;
  const items = user ? NEWSROOM_NAV.filter((item) => hasRole(actor, item.role)) : [];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
        <title>{`${title} · Newsroom`}</title>
        <link rel="stylesheet" href="/assets/newsroom.css" />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {scripts.map((src) => (
          <script type="module" src={src} key={src} />
        ))}
      </head>
      <body class={user ? 'nr' : 'nr nr--bare'}>
        <a class="nr-skip" href="#main">
          Skip to content
        </a>
        <header class="nr-header">
          <a class="nr-brand" href={user ? '/newsroom' : '/'}>
            Qalam <span class="nr-brand__sub">Newsroom</span>
          </a>
          {user ? (
            <nav class="nr-nav" aria-label="Newsroom">
              <ul>
                {items.map((item) => (
                  <li key={item.key}>
                    <a href={item.href} aria-current={item.key === active ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {user ? (
            <div class="nr-account">
              <span class="nr-account__name" title={user.email}>
                {user.name} <span class="nr-role">{user.role}</span>
              </span>
              <form method="post" action="/newsroom/logout" class="nr-signout">
                <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
                <button type="submit" class="nr-button nr-button--quiet">
                  Sign out
                </button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main" class="nr-main">
          {children}
        </main>
      </body>
    </html>
  );
}
