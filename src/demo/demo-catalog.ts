import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';
import type { PortraitSpec, SceneSpec } from './demo-image-art.ts';

/**
 * The demo portal's settings, sections, authors, places and pictures. Everything here was written
 * for Qalam: the portal, its people and its stories are invented; the cities are real.
 */

/** Settings of the demo portal (written only while the install still has the default settings). */
export const DEMO_SETTINGS: Pick<SiteSettings, 'name' | 'tagline' | 'socialLinks' | 'timeZone' | 'reuseSharePercent'> = {
  name: 'Steppe Courier',
  tagline: 'Demo news from the cities, steppe and mountains of Kazakhstan',
  socialLinks: {
    facebook: 'https://www.facebook.com/steppe.courier.demo',
    instagram: 'https://www.instagram.com/steppe.courier.demo',
    tiktok: 'https://www.tiktok.com/@steppe.courier.demo',
    x: 'https://x.com/steppecourierdemo',
    telegram: 'https://t.me/steppe_courier_demo',
    youtube: 'https://www.youtube.com/@steppecourierdemo',
    rss: '/feed.xml',
  },
  timeZone: 'Asia/Almaty',
  reuseSharePercent: 30,
};

/** A section; `parent` names another section's slug. */
export type DemoSection = { slug: string; name: string; description: string; parent?: string };

export const DEMO_SECTIONS: DemoSection[] = [
  { slug: 'news', name: 'News', description: 'What happened today in Kazakhstan’s cities and regions.' },
  { slug: 'politics', name: 'Politics', description: 'Councils, public hearings and the rules that shape daily life.' },
  { slug: 'economy', name: 'Economy', description: 'Business, farming, trade and work.' },
  { slug: 'energy', name: 'Energy', description: 'Power, heat, oil and the switch to renewables.', parent: 'economy' },
  { slug: 'society', name: 'Society', description: 'Schools, volunteers, health and neighbourhoods.' },
  { slug: 'culture', name: 'Culture', description: 'Music, museums, theatre and crafts.' },
  { slug: 'sport', name: 'Sport', description: 'From youth leagues to city marathons.' },
  { slug: 'travel', name: 'Travel', description: 'Canyons, lakes, rivers and cities worth the trip.' },
];

/** A place stories are filed from; the IANA zone is the one tzdb gives that city. */
export type DemoLocation = { city: string; timeZone: string };

export const DEMO_LOCATIONS: DemoLocation[] = [
  { city: 'Astana', timeZone: 'Asia/Almaty' },
  { city: 'Almaty', timeZone: 'Asia/Almaty' },
  { city: 'Shymkent', timeZone: 'Asia/Almaty' },
  { city: 'Karaganda', timeZone: 'Asia/Almaty' },
  { city: 'Pavlodar', timeZone: 'Asia/Almaty' },
  { city: 'Oskemen', timeZone: 'Asia/Almaty' },
  { city: 'Turkistan', timeZone: 'Asia/Almaty' },
  { city: 'Kokshetau', timeZone: 'Asia/Almaty' },
  { city: 'Aktobe', timeZone: 'Asia/Aqtobe' },
  { city: 'Atyrau', timeZone: 'Asia/Atyrau' },
  { city: 'Aktau', timeZone: 'Asia/Aqtau' },
  { city: 'Kyzylorda', timeZone: 'Asia/Qyzylorda' },
  { city: 'Kostanay', timeZone: 'Asia/Qostanay' },
];

/** An author of the demo desk; `portrait` is drawn, not photographed. */
export type DemoAuthor = { slug: string; name: string; bio: string; portrait: PortraitSpec };

export const DEMO_AUTHORS: DemoAuthor[] = [
  {
    slug: 'aigerim-seitkali',
    name: 'Aigerim Seitkali',
    bio: 'Economy correspondent in Almaty. Follows small business, logistics and farming, and likes a good spreadsheet more than a press release. (A fictional author of the demo portal.)',
    portrait: { skin: '#e0b18c', hair: '#1f1612', clothes: '#7a3b52', background: ['#f6e3d3', '#d99a7a'], seed: 11 },
  },
  {
    slug: 'daniyar-omarov',
    name: 'Daniyar Omarov',
    bio: 'Covers politics and regional government from Astana: councils, budgets and public hearings. (A fictional author of the demo portal.)',
    portrait: { skin: '#c9946b', hair: '#231a15', clothes: '#2f4a6d', background: ['#dfe8f2', '#8aa6c4'], seed: 23 },
  },
  {
    slug: 'madina-abenova',
    name: 'Madina Abenova',
    bio: 'Culture editor. Writes about music, museums, crafts and the people who keep old traditions alive in new ways. (A fictional author of the demo portal.)',
    portrait: { skin: '#eabf9b', hair: '#3b2416', clothes: '#2f6b5a', background: ['#e6f1e9', '#8cbf9f'], seed: 37 },
  },
  {
    slug: 'timur-zhanuzakov',
    name: 'Timur Zhanuzakov',
    bio: 'Sports reporter. Has covered youth hockey, city marathons and village kokpar tournaments, usually from the cold side of the fence. (A fictional author of the demo portal.)',
    portrait: { skin: '#d4a27c', hair: '#120d0b', clothes: '#b5542c', background: ['#f7ead8', '#d7a66f'], seed: 41 },
  },
  {
    slug: 'saule-karimova',
    name: 'Saule Karimova',
    bio: 'Travel and nature writer based in Oskemen. Walks the trails before she writes about them. (A fictional author of the demo portal.)',
    portrait: { skin: '#dcae86', hair: '#5a3a22', clothes: '#3f5f2a', background: ['#eef3df', '#a6bd7c'], seed: 53 },
  },
];

/** A picture of the demo library with its library caption, credit and alt text. */
export type DemoImage = { key: string; scene: SceneSpec; caption: string; credit: string; alt: string };

const STUDIO = 'Steppe Courier demo studio (illustration)';

export const DEMO_IMAGES: DemoImage[] = [
  {
    key: 'astana-winter',
    scene: { kind: 'skyline', palette: ['#9db7d6', '#e9eef5', '#5d7894', '#2f4058'], seed: 101 },
    caption: 'Astana’s embankment on a frosty morning.',
    credit: STUDIO,
    alt: 'A row of tall city buildings with lit windows under a pale winter sky.',
  },
  {
    key: 'almaty-evening',
    scene: { kind: 'skyline', palette: ['#f3a56b', '#fbe3c2', '#7b4f6b', '#3d2a3f'], seed: 102 },
    caption: 'Almaty at dusk, when delivery couriers are busiest.',
    credit: STUDIO,
    alt: 'City towers in warm evening light, many windows glowing.',
  },
  {
    key: 'atyrau-roofs',
    scene: { kind: 'fields', palette: ['#8fc1e3', '#eaf4fb', '#4f6f8f', '#273b52'], seed: 103 },
    caption: 'Flat industrial roofs near Atyrau are wide, sunny and mostly empty.',
    credit: STUDIO,
    alt: 'Flat blue-grey surfaces in long rows under a clear sky, like rows of solar panels.',
  },
  {
    key: 'solar-chart',
    scene: { kind: 'chart', palette: ['#1e3a5f', '#2c5282', '#f6c453', '#f08a4b'], seed: 104 },
    caption: 'Illustrative chart: monthly output of the pilot panels rises towards summer.',
    credit: 'Steppe Courier demo studio (chart, illustrative data)',
    alt: 'A bar chart with a rising trend line on a dark blue background.',
  },
  {
    key: 'turkistan-yurts',
    scene: { kind: 'yurt', palette: ['#79b4e0', '#f8e7c5', '#d2a868', '#8a5a2b'], seed: 105 },
    caption: 'Yurts set up for the storytelling festival near Turkistan.',
    credit: STUDIO,
    alt: 'Three white yurts on golden grassland under a blue sky.',
  },
  {
    key: 'charyn-canyon',
    scene: { kind: 'canyon', palette: ['#6aa9d8', '#f6dcc0', '#c8683e', '#8e3b22'], seed: 106 },
    caption: 'Layered red walls of Charyn Canyon in the morning.',
    credit: STUDIO,
    alt: 'Jagged layers of red and orange rock ridges under a light sky.',
  },
  {
    key: 'charyn-valley',
    scene: { kind: 'desert', palette: ['#8cc0e6', '#f9e6cc', '#d79a5f', '#a3603a'], seed: 107 },
    caption: 'The open plain above the canyon, where the trail begins.',
    credit: STUDIO,
    alt: 'Gentle sandy ridges in orange tones stretching to the horizon.',
  },
  {
    key: 'karaganda-rink',
    scene: { kind: 'stadium', palette: ['#dfe9f3', '#f5f9fc', '#bcd3e8', '#2d4b73'], seed: 108 },
    caption: 'The new rink seen from the stands.',
    credit: STUDIO,
    alt: 'An empty ice rink with white markings, spectators in the stands behind.',
  },
  {
    key: 'shymkent-classroom',
    scene: { kind: 'abstract', palette: ['#1b2a41', '#324a5f', '#5cc8a8', '#f2b134'], seed: 109 },
    caption: 'Evening classes start after the working day ends.',
    credit: STUDIO,
    alt: 'Overlapping green, gold and white circles on a dark blue background.',
  },
  {
    key: 'pavlodar-centre',
    scene: { kind: 'skyline', palette: ['#a7c7e7', '#f4efe6', '#8a7f72', '#4a423a'], seed: 110 },
    caption: 'Pavlodar’s city centre near the Irtysh.',
    credit: STUDIO,
    alt: 'Mid-rise city blocks under a soft blue sky.',
  },
  {
    key: 'aktau-sea',
    scene: { kind: 'sea', palette: ['#5fa8d3', '#e8f4fa', '#2d7fa8', '#c9b48a'], seed: 111 },
    caption: 'The Caspian Sea off Aktau’s seafront.',
    credit: STUDIO,
    alt: 'Calm blue sea with gentle waves and a sandy shore in front.',
  },
  {
    key: 'aktobe-harvest',
    scene: { kind: 'fields', palette: ['#8ab8dc', '#fbeccd', '#d9a441', '#8f6a23'], seed: 112 },
    caption: 'Wheat fields outside Aktobe at harvest time.',
    credit: STUDIO,
    alt: 'Golden fields in long rows under a bright sky with a low sun.',
  },
  {
    key: 'altai-river',
    scene: { kind: 'mountains', palette: ['#7fb3d5', '#e9f3f8', '#4f7f52', '#2f4f3a'], seed: 113 },
    caption: 'Green ridges of the Altai foothills east of Oskemen.',
    credit: STUDIO,
    alt: 'Green mountain ridges with pale peaks behind them.',
  },
  {
    key: 'felt-pattern',
    scene: { kind: 'abstract', palette: ['#7a1f2b', '#b23a48', '#f2c14e', '#1d5c63'], seed: 114 },
    caption: 'Colours of the felt carpets in the digitised collection (illustration).',
    credit: STUDIO,
    alt: 'Overlapping red, gold and teal shapes in the manner of felt appliqué.',
  },
  {
    key: 'astana-morning',
    scene: { kind: 'skyline', palette: ['#f7c59f', '#fdf0e0', '#3f6e8c', '#243b4f'], seed: 115 },
    caption: 'Runners’ view of Astana’s skyline at sunrise.',
    credit: STUDIO,
    alt: 'Tall buildings silhouetted against an orange sunrise sky.',
  },
  {
    key: 'irtysh-grove',
    scene: { kind: 'lake', palette: ['#9fd0ea', '#f1f8fb', '#4c8fb5', '#6f8f5a'], seed: 116 },
    caption: 'The Irtysh bank where volunteers planted the new grove.',
    credit: STUDIO,
    alt: 'Dark green trees along a riverbank reflected in calm blue water.',
  },
  {
    key: 'karaganda-works',
    scene: { kind: 'rails', palette: ['#b8c4cc', '#eef1f3', '#8a8f86', '#3c3f3a'], seed: 117 },
    caption: 'A trench for new heating pipes runs along a Karaganda street.',
    credit: STUDIO,
    alt: 'Two long dark lines run towards the horizon across a grey landscape.',
  },
  {
    key: 'kyzylorda-fields',
    scene: { kind: 'fields', palette: ['#92c5e8', '#f2f8e6', '#6aa84f', '#3d6b2a'], seed: 118 },
    caption: 'Irrigated fields along the Syr Darya near Kyzylorda.',
    credit: STUDIO,
    alt: 'Bright green fields with irrigation rows under a light sky.',
  },
  {
    key: 'burabay-lake',
    scene: { kind: 'lake', palette: ['#a9cfe8', '#eef6fb', '#3e7ca6', '#5d6b5a'], seed: 119 },
    caption: 'A calm morning on one of Burabay’s lakes.',
    credit: STUDIO,
    alt: 'Pine trees on a low granite hill above a still blue lake.',
  },
  {
    key: 'burabay-rocks',
    scene: { kind: 'mountains', palette: ['#c1d9ec', '#f5f8fb', '#8d8a80', '#4d5a4f'], seed: 120 },
    caption: 'Granite ridges above the pine forest.',
    credit: STUDIO,
    alt: 'Grey rocky peaks rising above dark green slopes.',
  },
  {
    key: 'almaty-bus-lane',
    scene: { kind: 'rails', palette: ['#9ec9ea', '#f7f3ea', '#9a9a9a', '#d64541'], seed: 121 },
    caption: 'A dedicated lane runs straight towards the mountains.',
    credit: STUDIO,
    alt: 'A straight road in perspective with marked lanes leading to the horizon.',
  },
  {
    key: 'dombra-workshop',
    scene: { kind: 'abstract', palette: ['#3b2418', '#6b4226', '#d9a066', '#f4e3c1'], seed: 122 },
    caption: 'Warm wood tones of the workshop (illustration).',
    credit: STUDIO,
    alt: 'Overlapping circles in shades of brown and honey, like polished wood.',
  },
  {
    key: 'kostanay-steppe',
    scene: { kind: 'steppe', palette: ['#8fbde0', '#fbf1d8', '#c8b26a', '#6e6237'], seed: 123 },
    caption: 'Open steppe north of Kostanay, where fields stretch to the horizon.',
    credit: STUDIO,
    alt: 'Flat grassland under a wide sky with a pale sun.',
  },
  {
    key: 'field-survey-chart',
    scene: { kind: 'chart', palette: ['#243b2f', '#35563f', '#a7c957', '#f2e8cf'], seed: 124 },
    caption: 'Illustrative chart: share of each farm’s fields surveyed by drone, week by week.',
    credit: 'Steppe Courier demo studio (chart, illustrative data)',
    alt: 'A bar chart with a rising line on a dark green background.',
  },
];
