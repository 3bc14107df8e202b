import type { ComponentChildren } from 'preact';
import type { Role } from '#src/db/schema.ts';
import { hasRole, type Actor } from '#src/domain/people/actor.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { CHANGE_PASSWORD_PATH } from '#src/web/middleware/auth.ts';
import { useNewsroomT } from './newsroom-i18n.ts';

/** One entry of the newsroom's navigation: `key` is what pages pass as `active`; `label` its name in the catalogue. */
type NavItem = { key: string; label: NewsroomMessageKey; href: string; role: Role };

/** The newsroom's navigation, shown only to roles that may open each page (the server checks again). */
export const NEWSROOM_NAV: readonly NavItem[] = [
  { key: 'articles', label: 'nav.articles', href: '/newsroom', role: 'contributor' },
  { key: 'review', label: 'nav.review', href: '/newsroom/review', role: 'contributor' },
  { key: 'media', label: 'nav.media', href: '/newsroom/media', role: 'contributor' },
  { key: 'main-page', label: 'nav.mainPage', href: '/newsroom/main-page', role: 'editor' },
  { key: 'sections', label: 'nav.sections', href: '/newsroom/sections', role: 'editor' },
  { key: 'tags', label: 'nav.tags', href: '/newsroom/tags', role: 'editor' },
  { key: 'authors', label: 'nav.authors', href: '/newsroom/authors', role: 'editor' },
  { key: 'locations', label: 'nav.locations', href: '/newsroom/locations', role: 'editor' },
  { key: 'pages', label: 'nav.pages', href: '/newsroom/pages', role: 'editor' },
  { key: 'licences', label: 'nav.licences', href: '/newsroom/licences/requests', role: 'editor' },
  { key: 'partners', label: 'nav.partners', href: '/newsroom/partners', role: 'editor' },
  { key: 'settings', label: 'nav.settings', href: '/newsroom/settings', role: 'admin' },
  { key: 'users', label: 'nav.users', href: '/newsroom/users', role: 'admin' },
  { key: 'webhooks', label: 'nav.webhooks', href: '/newsroom/webhooks', role: 'admin' },
  { key: 'api-keys', label: 'nav.apiKeys', href: '/newsroom/api-keys', role: 'admin' },
  { key: 'imports', label: 'nav.imports', href: '/newsroom/imports', role: 'admin' },
  { key: 'rights', label: 'nav.rights', href: '/newsroom/rights', role: 'editor' },
  { key: 'monitoring', label: 'nav.monitoring', href: '/newsroom/monitoring/findings', role: 'editor' },
  { key: 'audit', label: 'nav.audit', href: '/newsroom/audit', role: 'editor' },
];

export type NewsroomLayoutProps = {
  /** The page's own title; the document title adds " · Newsroom" (in the page's language). */
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

/**
 * The header's navigation and account links. Drawn twice, in a row for wide screens and folded for
 * phones; CSS shows one (display: none takes the other out of the accessibility tree too).
 */
function HeaderMenu({ items, user, active, csrfToken }: { items: readonly NavItem[]; user: Extract<Actor, { kind: 'user' }>; active?: string; csrfToken: string | null }) {
  const { t } = useNewsroomT();
  return (
    <>
      <nav class="nr-nav" aria-label={t('layout.navLabel')}>
        <ul>
          {items.map((item) => (
            <li key={item.key}>
              <a href={item.href} aria-current={item.key === active ? 'page' : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="nr-account">
        <span class="nr-account__name" title={user.email}>
          {user.name} <span class="nr-role">{t(`role.${user.role}`)}</span>
        </span>
        <a class="nr-account__link" href={CHANGE_PASSWORD_PATH} aria-current={active === 'account' ? 'page' : undefined}>
          {t('layout.account')}
        </a>
        <form method="post" action="/newsroom/logout" class="nr-signout">
          <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
          <button type="submit" class="nr-button nr-button--quiet">
            {t('layout.signOut')}
          </button>
        </form>
      </div>
    </>
  );
}

/**
 * A whole newsroom HTML document in the newsroom language (<html lang> follows it): header with
 * navigation, the account link and sign-out, then the page. Send it with sendNewsroomPage().
 */
export function NewsroomLayout({ title, actor, csrfToken, active, children, scripts = [], styles = [] }: NewsroomLayoutProps) {
  const { t, language } = useNewsroomT();
  const user = actor.kind === 'user' ? actor : null;
  const items = user ? NEWSROOM_NAV.filter((item) => hasRole(actor, item.role)) : [];
  return (
    <html lang={language.code}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
        <title>{t('layout.documentTitle', { title })}</title>
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
          {t('layout.skipLink')}
        </a>
        <header class="nr-header">
          <a class="nr-brand" href={user ? '/newsroom' : '/'}>
            Qalam <span class="nr-brand__sub">{t('layout.brand')}</span>
          </a>
          {user ? (
            <>
              <div class="nr-wide-menu">
                <HeaderMenu items={items} user={user} active={active} csrfToken={csrfToken} />
              </div>
              {/* Phones: the same menu folded behind "Menu" (details/summary: no script needed). */}
              <details class="nr-compact-menu">
                <summary>{t('layout.menu')}</summary>
                <div class="nr-compact-menu__panel">
                  <HeaderMenu items={items} user={user} active={active} csrfToken={csrfToken} />
                </div>
              </details>
            </>
          ) : null}
        </header>
        <main id="main" class="nr-main">
          {children}
        </main>
      </body>
    </html>
  );
}
