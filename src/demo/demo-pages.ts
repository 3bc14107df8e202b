import type { AppContext } from '#src/app-context.ts';
import { buildBody } from './demo-body.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';

/** The demo portal's static pages: an "About" page per language, linked from the footer (our own text). */
const DEMO_PAGES = [
  {
    language: 'en',
    slug: 'about',
    title: 'About this portal',
    paragraphs: [
      'This is a made-up news portal that shows what Qalam can do. Every story, name and picture on it was written or drawn for the demonstration.',
      'Editors change this page under Pages in the newsroom, where they also choose which pages the header and footer link to.',
    ],
  },
  {
    language: 'ru',
    slug: 'o-portale',
    title: 'О портале',
    paragraphs: [
      'Это выдуманный новостной портал, который показывает возможности Qalam. Все материалы, имена и иллюстрации здесь созданы для демонстрации.',
      'Редакторы меняют эту страницу в разделе «Страницы» редакции и там же выбирают, на какие страницы ведут ссылки в шапке и подвале.',
    ],
  },
  {
    language: 'kk',
    slug: 'portal-turaly',
    title: 'Портал туралы',
    paragraphs: [
      'Бұл — Qalam мүмкіндіктерін көрсететін ойдан шығарылған жаңалықтар порталы. Мұндағы барлық мақала, есім мен сурет көрсетілім үшін жасалған.',
      'Редакторлар бұл бетті редакцияның «Беттер» бөлімінде өзгертеді, жоғарғы және төменгі мәзірде қандай беттер тұратынын да сонда таңдайды.',
    ],
  },
] as const;

/** The demo pages place no pictures. */
function noPictures(key: string): number {
  throw new Error(`The demo pages place no picture (asked for "${key}").`);
}

/** Publishes the demo pages in the site's languages, each in its footer; one already at its address is left as it is. */
export async function seedDemoPages(context: AppContext, languages: readonly string[]): Promise<void> {
  const pages = createPageService(context);
  const system = asSystem();
  for (const page of DEMO_PAGES) {
    if (!languages.includes(page.language) || (await pages.findByPath(system, page.language, page.slug))) continue;
    await pages.create(system, { language: page.language, slug: page.slug, title: page.title, body: buildBody([...page.paragraphs], noPictures), menu: 'footer', status: 'published' });
  }
}
