import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ComponentChildren } from 'preact';
import type { SiteChromeData } from '#src/domain/articles/published-articles.ts';
import { sectionPath } from '#src/domain/articles/public-paths.ts';
import { SocialLinks } from './social-links.tsx';
import { languageSwitcherHtml } from './language-switcher.tsx';
import { feedLinks } from '../feeds/feed-formats.ts';
import { hreflangLinks, type LanguageAlternate } from '../language-alternates.ts';
import type { LanguageCode } from '#src/i18n/languages.ts';
import { languageInfo } from '#src/i18n/languages.ts';
import { jsonForScript } from '#src/lib/script-json.ts';
import { renderToString } from 'preact-render-to-string';
import { trustedHtml } from '#src/render/trusted-html.ts';
import { escapeHtml, htmlAttribute } from '#src/render/html-escape.ts';
import { chromeMarkup } from './chrome-markup.ts';
import { SectionLinkItems } from './section-links.tsx';
import type { PageLanguage } from '../page-language.ts';

/** What every public page shows around its content: settings, the section menu, the static pages' menus, the logo. */
export type SiteChrome = SiteChromeData;

/** Open Graph fields of a page. */
export type OpenGraph = {
  type: 'website' | 'article';
  url: string;
  title: string;
  description: string;
  image: string | null;
  /** The image's text alternative (og:image:alt), when it has one. */
  imageAlt?: string;
  publishedTime?: string;
  modifiedTime?: string;
};

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../public');

// A content hash in the stylesheet's URL: the file may be cached long, and a deploy still shows the new one.
const CSS_VERSION = (() => {
  try {
    return createHash('sha256').update(fs.readFileSync(path.join(PUBLIC_DIR, 'site.css'))).digest('hex').slice(0, 10);
  } catch {
    return '0';
  }
})();

function Logo({ chrome, lang }: { chrome: SiteChrome; lang: PageLanguage }) {
  const { settings, logo } = chrome;
  // A wide logo is a wordmark that already reads as the name; an emblem gets the name beside it.
  const isWordmark = logo !== null && logo.width / logo.height >= 2.5;
  return (
    <a href={lang.path('/')} class="site-logo" rel="home">
      {logo ? (
        <img
          src={logo.variants.find((v) => v.format !== 'webp')?.url ?? logo.url}
          width={logo.width}
          height={logo.height}
          alt={isWordmark ? lang.translator.t('layout.logoAlt', { site: settings.name }) : ''}
          class={isWordmark ? 'site-logo-image' : 'site-logo-mark'}
        />
      ) : (
        <img src="/assets/logo.svg" width="40" height="40" alt="" class="site-logo-mark" />
      )}
      {isWordmark ? null : <span class="site-name">{settings.name}</span>}
    </a>
  );
}

/** The static pages of a menu as list items, the current one marked. */
function MenuPageItems({ pages, lang, currentPath }: { pages: SiteChrome['menus']['header']; lang: PageLanguage; currentPath: string | undefined }) {
  return (
    <>
      {pages.map((page) => (
        <li>
          <a href={lang.path(`/${page.path}`)} aria-current={page.path === currentPath ? 'page' : undefined}>
            {page.title}
          </a>
        </li>
      ))}
    </>
  );
}

type LayoutProps = {
  chrome: SiteChrome;
  /** The page's language: <html lang>, every word of the chrome, every link. */
  lang: PageLanguage;
  /** The document title before " | Site name". */
  title: string;
  description?: string;
  canonicalUrl?: string;
  openGraph?: OpenGraph;
  jsonLd?: object[];
  /** Slug of the section to mark as current in the menu. */
  currentSectionSlug?: string;
  /** Whether the page is that section's own page ("page") or inside it, like an article ("true"). */
  isSectionPage?: boolean;
  /** The address of the static page this is (below the language prefix, 'about/team'), to mark it current in the menus. */
  currentPagePath?: string;
  /** "noindex" for error pages and previews. */
  robots?: string;
  /** This page in the site's languages (switcher, hreflang, og:locale:alternate), and which is the default (x-default). */
  languages?: { alternates: readonly LanguageAlternate[]; defaultCode: LanguageCode };
  /** The page's own feeds to announce (a section's, tag's or author's); the site's feeds are announced on every page. */
  feeds?: ReadonlyArray<{ href: string; type: string; title: string }>;
  children: ComponentChildren;
};

/** `<link rel="alternate">` announcing each feed. */
function feedLinksMarkup(feeds: NonNullable<LayoutProps['feeds']>): string {
  let html = '';
  for (const feed of feeds) html += `<link rel="alternate"${htmlAttribute('type', feed.type)}${htmlAttribute('href', feed.href)}${htmlAttribute('title', feed.title)}/>`;
  return html;
}

/** `<meta>` with one attribute naming it and its content. */
function metaMarkup(nameAttribute: 'name' | 'property', name: string, content: string): string {
  return `<meta${htmlAttribute(nameAttribute, name)}${htmlAttribute('content', content)}/>`;
}

/**
 * The inside of <head>, written as a string: a head is a score of attribute-only elements, which
 * cost Preact more to walk than to write (ADR 0068). The same bytes the components drew; what is
 * the same on every page of a language (stylesheet, icons, site feeds) is drawn once per chrome.
 */
function headMarkup(props: LayoutProps, fullTitle: string, place: string): string {
  const { chrome, openGraph, lang } = props;
  const { settings } = chrome;
  let html = `<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${escapeHtml(fullTitle)}</title>`;
  if (props.description) html += metaMarkup('name', 'description', props.description);
  if (props.robots) html += metaMarkup('name', 'robots', props.robots);
  if (props.canonicalUrl) html += `<link rel="canonical"${htmlAttribute('href', props.canonicalUrl)}/>`;
  html += chromeMarkup(chrome, `head|${place}`, () =>
    trustedHtml(
      `<link rel="stylesheet"${htmlAttribute('href', `/assets/site.css?v=${CSS_VERSION}`)}/><link rel="icon" href="/favicon.ico" sizes="32x32"/>` +
        '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/><link rel="apple-touch-icon" href="/assets/logo.png"/>' +
        feedLinksMarkup(feedLinks(lang.path('/'), settings.name)),
    ),
  );
  if (props.feeds) html += feedLinksMarkup(props.feeds);
  if (props.languages) {
    for (const link of hreflangLinks(props.languages.alternates, props.languages.defaultCode)) html += `<link rel="alternate"${htmlAttribute('hreflang', link.hreflang)}${htmlAttribute('href', link.href)}/>`;
  }
  if (openGraph) {
    html += metaMarkup('property', 'og:site_name', settings.name) + metaMarkup('property', 'og:type', openGraph.type) + metaMarkup('property', 'og:locale', lang.ogLocale);
    const alternateLocales = new Set((props.languages?.alternates ?? []).filter((a) => a.url !== null && !a.isCurrent).map((a) => languageInfo(a.code).ogLocale));
    for (const locale of alternateLocales) if (locale !== lang.ogLocale) html += metaMarkup('property', 'og:locale:alternate', locale);
    html += metaMarkup('property', 'og:url', openGraph.url) + metaMarkup('property', 'og:title', openGraph.title) + metaMarkup('property', 'og:description', openGraph.description);
    if (openGraph.image) html += metaMarkup('property', 'og:image', openGraph.image);
    if (openGraph.image && openGraph.imageAlt) html += metaMarkup('property', 'og:image:alt', openGraph.imageAlt);
    if (openGraph.publishedTime) html += metaMarkup('property', 'article:published_time', openGraph.publishedTime);
    if (openGraph.modifiedTime) html += metaMarkup('property', 'article:modified_time', openGraph.modifiedTime);
    html += metaMarkup('name', 'twitter:card', openGraph.image ? 'summary_large_image' : 'summary');
  }
  for (const doc of props.jsonLd ?? []) html += `<script type="application/ld+json">${jsonForScript(doc)}</script>`;
  return html;
}

/** What the footer shows (inside <footer>): the site's name and tagline, the sections and footer pages, the copyright of `year`. */
function SiteFooter({ chrome, lang, currentPagePath, year }: Pick<LayoutProps, 'chrome' | 'lang' | 'currentPagePath'> & { year: number }) {
  const { t } = lang.translator;
  const { settings, sections, menus } = chrome;
  const topSections = sections.filter((s) => s.parentId === null);
  return (
    <div class="site-footer-inner">
      <p class="footer-name">
        <a href={lang.path('/')}>{settings.name}</a> — {settings.tagline}
      </p>
      {topSections.length > 0 || menus.footer.length > 0 ? (
        <nav aria-label={t('layout.footerNav')}>
          {topSections.length > 0 ? (
            <ul class="footer-links">
              <SectionLinkItems sections={topSections} lang={lang} />
            </ul>
          ) : null}
          {menus.footer.length > 0 ? (
            <ul class="footer-links footer-pages">
              <MenuPageItems pages={menus.footer} lang={lang} currentPath={currentPagePath} />
            </ul>
          ) : null}
        </nav>
      ) : null}
      <p class="footer-copy">{t('layout.copyright', { year, site: settings.name })}</p>
    </div>
  );
}

/** The whole public page: head, header (logo, tagline, social links, sections and header pages), main, footer (sections and footer pages). */
export function SiteLayout(props: LayoutProps) {
  const { chrome, openGraph, lang } = props;
  const { t } = lang.translator;
  const { settings, sections, menus } = chrome;
  const fullTitle = props.title === settings.name ? settings.name : t('layout.documentTitle', { title: props.title, site: settings.name });
  const topSections = sections.filter((s) => s.parentId === null);
  // The header's and footer's parts that are the same on every page of this language and place in
  // the site are drawn once per chrome (chrome-markup.ts); the keys name what else they read.
  const place = `${lang.code}|${lang.pathPrefix}`;
  const current = `${props.currentSectionSlug ?? ''}|${props.isSectionPage ? 'page' : ''}|${props.currentPagePath ?? ''}`;
  const year = new Date().getUTCFullYear();
  // Written as a string (ADR 0068): the same bytes as the elements Preact drew, around the page's
  // own content, which its components still draw.
  const brand = chromeMarkup(chrome, `brand|${place}`, () => (
    <>
      <Logo chrome={chrome} lang={lang} />
      <p class="site-tagline">{settings.tagline}</p>
    </>
  ));
  const search = chromeMarkup(chrome, `search|${place}`, () => (
    // A plain GET form: search works without JavaScript, in the page's language.
    <form class="site-search" role="search" aria-label={t('search.label')} action={lang.path('/search')} method="get">
      <label for="site-search-q" class="visually-hidden">
        {t('search.label')}
      </label>
      <input id="site-search-q" type="search" name="q" placeholder={t('search.placeholder')} maxlength={200} />
      <button type="submit">{t('search.submit')}</button>
    </form>
  ));
  // The switcher is this page's own: its links lead to this page in each language.
  const switcher = props.languages ? languageSwitcherHtml(props.languages.alternates, lang) : '';
  const social = chromeMarkup(chrome, `social|${place}`, () => <SocialLinks settings={settings} lang={lang} />);
  const nav =
    topSections.length > 0 || menus.header.length > 0
      ? `<nav class="site-nav"${htmlAttribute('aria-label', t('layout.sectionsNav'))}>` +
        chromeMarkup(chrome, `nav|${place}|${current}`, () => (
          <ul>
            {topSections.map((s) => (
              <li>
                <a href={lang.path(sectionPath(s.slug))} aria-current={s.slug === props.currentSectionSlug ? (props.isSectionPage ? 'page' : 'true') : undefined}>
                  {s.name}
                </a>
              </li>
            ))}
            <MenuPageItems pages={menus.header} lang={lang} currentPath={props.currentPagePath} />
          </ul>
        )) +
        '</nav>'
      : '';
  const footer = chromeMarkup(chrome, `footer|${place}|${props.currentPagePath ?? ''}|${year}`, () => <SiteFooter chrome={chrome} lang={lang} currentPagePath={props.currentPagePath} year={year} />);
  return trustedHtml(
    `<html${htmlAttribute('lang', lang.code)}><head>${headMarkup(props, fullTitle, place)}</head><body>` +
      `<a href="#main" class="skip-link">${escapeHtml(t('layout.skipLink'))}</a>` +
      `<header class="site-header"><div class="site-header-inner"><div class="site-brand">${brand}</div><div class="site-header-tools">${search}${switcher}${social}</div></div>${nav}</header>` +
      `<main id="main" class="site-main" tabindex="-1">${renderToString(<>{props.children}</>)}</main>` +
      `<footer class="site-footer">${footer}</footer></body></html>`,
  );
}
