import type { DemoImage } from './demo-catalog.ts';

/**
 * The demo portal in Russian and Kazakh: names of its sections, tags, authors and places, and its
 * settings, per language. Everything is keyed by the English catalogue's slug or name, so the
 * English files stay the single list of what exists and these only say what it is called.
 * Written for Qalam, like the rest of the demo: invented people, real cities.
 */

/** A language of the demo portal (BCP 47). */
export type DemoLanguage = 'en' | 'ru' | 'kk';

/** A language the demo translates into from English. */
export type DemoTranslatedLanguage = Exclude<DemoLanguage, 'en'>;

export const DEMO_TRANSLATED_LANGUAGES: DemoTranslatedLanguage[] = ['ru', 'kk'];

/** One value per translated language. */
export type PerLanguage<T> = Record<DemoTranslatedLanguage, T>;

/** A section's name, URL slug and description in one language. */
export type DemoSectionName = { name: string; slug: string; description: string };

/** Sections by their English slug (DEMO_SECTIONS). */
export const DEMO_SECTION_NAMES: Record<string, PerLanguage<DemoSectionName>> = {
  news: {
    ru: { name: 'Новости', slug: 'novosti', description: 'Что произошло сегодня в городах и регионах Казахстана.' },
    kk: { name: 'Жаңалықтар', slug: 'janalyqtar', description: 'Қазақстанның қалалары мен өңірлерінде бүгін не болды.' },
  },
  politics: {
    ru: { name: 'Политика', slug: 'politika', description: 'Маслихаты, общественные слушания и правила, по которым живёт город.' },
    kk: { name: 'Саясат', slug: 'saiasat', description: 'Мәслихаттар, қоғамдық тыңдаулар және күнделікті тірлікті реттейтін ережелер.' },
  },
  economy: {
    ru: { name: 'Экономика', slug: 'ekonomika', description: 'Бизнес, сельское хозяйство, торговля и работа.' },
    kk: { name: 'Экономика', slug: 'ekonomika', description: 'Бизнес, ауыл шаруашылығы, сауда және еңбек.' },
  },
  energy: {
    ru: { name: 'Энергетика', slug: 'energetika', description: 'Электричество, тепло, нефть и переход на возобновляемые источники.' },
    kk: { name: 'Энергетика', slug: 'energetika', description: 'Электр, жылу, мұнай және жаңартылатын көздерге көшу.' },
  },
  society: {
    ru: { name: 'Общество', slug: 'obshchestvo', description: 'Школы, волонтёры, здоровье и жизнь районов.' },
    kk: { name: 'Қоғам', slug: 'qogam', description: 'Мектептер, еріктілер, денсаулық және аудандар тынысы.' },
  },
  culture: {
    ru: { name: 'Культура', slug: 'kultura', description: 'Музыка, музеи, театр и ремёсла.' },
    kk: { name: 'Мәдениет', slug: 'madeniet', description: 'Музыка, мұражайлар, театр және қолөнер.' },
  },
  sport: {
    ru: { name: 'Спорт', slug: 'sport', description: 'От детских лиг до городских марафонов.' },
    kk: { name: 'Спорт', slug: 'sport', description: 'Балалар лигасынан қалалық марафондарға дейін.' },
  },
  travel: {
    ru: { name: 'Путешествия', slug: 'puteshestviia', description: 'Каньоны, озёра, реки и города, ради которых стоит отправиться в путь.' },
    kk: { name: 'Саяхат', slug: 'saiakhat', description: 'Барып көруге тұрарлық шатқалдар, көлдер, өзендер мен қалалар.' },
  },
};

/** Tags by their English name; the slug of each is slugify(name), as the service makes it. */
export const DEMO_TAG_NAMES: Record<string, PerLanguage<string>> = {
  Agriculture: { ru: 'Сельское хозяйство', kk: 'Ауыл шаруашылығы' },
  Aitys: { ru: 'Айтыс', kk: 'Айтыс' },
  Aktau: { ru: 'Актау', kk: 'Ақтау' },
  Aktobe: { ru: 'Актобе', kk: 'Ақтөбе' },
  'Almaty region': { ru: 'Алматинская область', kk: 'Алматы облысы' },
  Almaty: { ru: 'Алматы', kk: 'Алматы' },
  Altai: { ru: 'Алтай', kk: 'Алтай' },
  Astana: { ru: 'Астана', kk: 'Астана' },
  Atyrau: { ru: 'Атырау', kk: 'Атырау' },
  Budget: { ru: 'Бюджет', kk: 'Бюджет' },
  Burabay: { ru: 'Бурабай', kk: 'Бурабай' },
  'Caspian Sea': { ru: 'Каспийское море', kk: 'Каспий теңізі' },
  'Charyn Canyon': { ru: 'Чарынский каньон', kk: 'Шарын шатқалы' },
  Chess: { ru: 'Шахматы', kk: 'Шахмат' },
  'City life': { ru: 'Городская жизнь', kk: 'Қала тынысы' },
  Crafts: { ru: 'Ремёсла', kk: 'Қолөнер' },
  Dombra: { ru: 'Домбра', kk: 'Домбыра' },
  'East Kazakhstan': { ru: 'Восточный Казахстан', kk: 'Шығыс Қазақстан' },
  Education: { ru: 'Образование', kk: 'Білім' },
  Environment: { ru: 'Экология', kk: 'Экология' },
  Felt: { ru: 'Войлок', kk: 'Киіз' },
  Grain: { ru: 'Зерно', kk: 'Астық' },
  Guide: { ru: 'Путеводитель', kk: 'Жолсерік' },
  Heating: { ru: 'Отопление', kk: 'Жылу' },
  Hiking: { ru: 'Пешие походы', kk: 'Жаяу серуен' },
  Hockey: { ru: 'Хоккей', kk: 'Хоккей' },
  Industry: { ru: 'Промышленность', kk: 'Өнеркәсіп' },
  Infrastructure: { ru: 'Инфраструктура', kk: 'Инфрақұрылым' },
  Irtysh: { ru: 'Иртыш', kk: 'Ертіс' },
  Jobs: { ru: 'Работа', kk: 'Жұмыс' },
  Karaganda: { ru: 'Караганда', kk: 'Қарағанды' },
  Kokpar: { ru: 'Кокпар', kk: 'Көкпар' },
  Kokshetau: { ru: 'Кокшетау', kk: 'Көкшетау' },
  Kostanay: { ru: 'Костанай', kk: 'Қостанай' },
  Kyzylorda: { ru: 'Кызылорда', kk: 'Қызылорда' },
  Libraries: { ru: 'Библиотеки', kk: 'Кітапханалар' },
  'Local government': { ru: 'Местное управление', kk: 'Жергілікті басқару' },
  Logistics: { ru: 'Логистика', kk: 'Логистика' },
  Marathon: { ru: 'Марафон', kk: 'Марафон' },
  Museums: { ru: 'Музеи', kk: 'Мұражайлар' },
  Music: { ru: 'Музыка', kk: 'Музыка' },
  'Oral tradition': { ru: 'Устное творчество', kk: 'Ауыз әдебиеті' },
  Oskemen: { ru: 'Усть-Каменогорск', kk: 'Өскемен' },
  Pavlodar: { ru: 'Павлодар', kk: 'Павлодар' },
  'Public transport': { ru: 'Общественный транспорт', kk: 'Қоғамдық көлік' },
  Rafting: { ru: 'Рафтинг', kk: 'Рафтинг' },
  Running: { ru: 'Бег', kk: 'Жүгіру' },
  Shymkent: { ru: 'Шымкент', kk: 'Шымкент' },
  'Small business': { ru: 'Малый бизнес', kk: 'Шағын бизнес' },
  'Solar power': { ru: 'Солнечная энергия', kk: 'Күн энергиясы' },
  Technology: { ru: 'Технологии', kk: 'Технология' },
  Traditions: { ru: 'Традиции', kk: 'Салт-дәстүр' },
  Traffic: { ru: 'Дорожное движение', kk: 'Жол қозғалысы' },
  Turkistan: { ru: 'Туркестан', kk: 'Түркістан' },
  Volunteers: { ru: 'Волонтёры', kk: 'Еріктілер' },
  Water: { ru: 'Вода', kk: 'Су' },
  Winter: { ru: 'Зима', kk: 'Қыс' },
  'Youth sport': { ru: 'Детский спорт', kk: 'Балалар спорты' },
};

/** An author's name and bio in one language; the slug is slugify(name). */
export type DemoAuthorName = { name: string; bio: string };

const FICTIONAL: PerLanguage<string> = {
  ru: '(Вымышленный автор демо-портала.)',
  kk: '(Демо порталдың ойдан шығарылған авторы.)',
};

/** Authors by their English slug (DEMO_AUTHORS). */
export const DEMO_AUTHOR_NAMES: Record<string, PerLanguage<DemoAuthorName>> = {
  'aigerim-seitkali': {
    ru: {
      name: 'Айгерим Сейткали',
      bio: `Корреспондент отдела экономики в Алматы. Пишет о малом бизнесе, логистике и сельском хозяйстве; хорошую таблицу ценит выше любого пресс-релиза. ${FICTIONAL.ru}`,
    },
    kk: {
      name: 'Әйгерім Сейітқали',
      bio: `Алматыдағы экономика тілшісі. Шағын бизнес, логистика және ауыл шаруашылығы туралы жазады; баспасөз релизінен гөрі дұрыс жасалған кестені артық көреді. ${FICTIONAL.kk}`,
    },
  },
  'daniyar-omarov': {
    ru: {
      name: 'Данияр Омаров',
      bio: `Пишет из Астаны о политике и региональном управлении: маслихаты, бюджеты, общественные слушания. ${FICTIONAL.ru}`,
    },
    kk: {
      name: 'Данияр Омаров',
      bio: `Астанадан саясат пен өңірлік басқару туралы жазады: мәслихаттар, бюджет, қоғамдық тыңдаулар. ${FICTIONAL.kk}`,
    },
  },
  'madina-abenova': {
    ru: {
      name: 'Мадина Абенова',
      bio: `Редактор отдела культуры. Пишет о музыке, музеях, ремёслах и людях, которые по-новому хранят старые традиции. ${FICTIONAL.ru}`,
    },
    kk: {
      name: 'Мадина Әбенова',
      bio: `Мәдениет бөлімінің редакторы. Музыка, мұражайлар, қолөнер және көне дәстүрді жаңаша жалғастырып жүрген адамдар туралы жазады. ${FICTIONAL.kk}`,
    },
  },
  'timur-zhanuzakov': {
    ru: {
      name: 'Тимур Жанузаков',
      bio: `Спортивный обозреватель. Писал о детском хоккее, городских марафонах и сельских турнирах по кокпару — обычно с холодной стороны ограждения. ${FICTIONAL.ru}`,
    },
    kk: {
      name: 'Тимур Жанұзақов',
      bio: `Спорт шолушысы. Балалар хоккейі, қалалық марафондар мен ауылдағы көкпар жарыстары туралы жазған, көбіне қоршаудың суық жағында тұрып. ${FICTIONAL.kk}`,
    },
  },
  'saule-karimova': {
    ru: {
      name: 'Сауле Каримова',
      bio: `Пишет о путешествиях и природе, живёт в Усть-Каменогорске. Сначала сама проходит маршрут и только потом о нём рассказывает. ${FICTIONAL.ru}`,
    },
    kk: {
      name: 'Сәуле Кәрімова',
      bio: `Өскеменде тұрып, саяхат пен табиғат туралы жазады. Әр соқпақ туралы жазбас бұрын оны өзі жаяу жүріп шығады. ${FICTIONAL.kk}`,
    },
  },
};

/** The country every demo place is in, per language. */
export const DEMO_COUNTRY_NAMES: PerLanguage<string> = { ru: 'Казахстан', kk: 'Қазақстан' };

/** Cities by their English name (DEMO_LOCATIONS). */
export const DEMO_CITY_NAMES: Record<string, PerLanguage<string>> = {
  Astana: { ru: 'Астана', kk: 'Астана' },
  Almaty: { ru: 'Алматы', kk: 'Алматы' },
  Shymkent: { ru: 'Шымкент', kk: 'Шымкент' },
  Karaganda: { ru: 'Караганда', kk: 'Қарағанды' },
  Pavlodar: { ru: 'Павлодар', kk: 'Павлодар' },
  Oskemen: { ru: 'Усть-Каменогорск', kk: 'Өскемен' },
  Turkistan: { ru: 'Туркестан', kk: 'Түркістан' },
  Kokshetau: { ru: 'Кокшетау', kk: 'Көкшетау' },
  Aktobe: { ru: 'Актобе', kk: 'Ақтөбе' },
  Atyrau: { ru: 'Атырау', kk: 'Атырау' },
  Aktau: { ru: 'Актау', kk: 'Ақтау' },
  Kyzylorda: { ru: 'Кызылорда', kk: 'Қызылорда' },
  Kostanay: { ru: 'Костанай', kk: 'Қостанай' },
};

/** The portal's name, tagline and republication notice per language ({share}, {site} as in English). */
export type DemoSettingsText = { name: string; tagline: string; reusePolicyText: string };

export const DEMO_SETTINGS_TEXT: PerLanguage<DemoSettingsText> = {
  ru: {
    name: 'Степной курьер',
    tagline: 'Демо-новости из городов, степей и гор Казахстана',
    reusePolicyText:
      'Из статьи, опубликованной на сайте «{site}», можно использовать не более {share}% текста, с обязательной гиперссылкой на оригинал. Перепечатка статьи целиком возможна только с письменного разрешения редакции.',
  },
  kk: {
    name: 'Дала хабаршысы',
    tagline: 'Қазақстанның қалалары, даласы мен тауларынан демо жаңалықтар',
    reusePolicyText:
      '«{site}» сайтында жарияланған мақаланың {share}%-ынан артығын пайдалануға болмайды, түпнұсқаға гиперсілтеме беру міндетті. Мақаланы толық көшіріп басу үшін редакцияның жазбаша рұқсаты керек.',
  },
};

/** Credit line of the drawn pictures, per language. */
export const DEMO_STUDIO_CREDIT: PerLanguage<string> = {
  ru: 'Демо-студия «Степного курьера» (иллюстрация)',
  kk: '«Дала хабаршысы» демо-студиясы (иллюстрация)',
};

/** Source line of every Russian or Kazakh demo article. */
export const DEMO_SOURCE_TEXT: PerLanguage<string> = {
  ru: 'Демо-редакция «Степного курьера». Демонстрационная статья, написанная для платформы Qalam; люди, организации и цифры вымышлены.',
  kk: '«Дала хабаршысы» демо-редакциясы. Qalam платформасы үшін жазылған демо мақала; ондағы адамдар, ұйымдар мен сандар ойдан шығарылған.',
};

/** Pictures only the Russian and Kazakh stories use (library captions in English, like the rest). */
export const DEMO_LOCAL_IMAGES: DemoImage[] = [
  {
    key: 'pavlodar-library',
    scene: { kind: 'abstract', palette: ['#2b2d42', '#8d99ae', '#edf2f4', '#d90429'], seed: 201 },
    caption: 'Chequered patterns of the library’s chess evenings (illustration).',
    credit: 'Steppe Courier demo studio (illustration)',
    alt: 'Overlapping grey, white and red circles on a dark background.',
  },
  {
    key: 'aktau-cliffs',
    scene: { kind: 'sea', palette: ['#7cc0e2', '#f2f8fb', '#1f6f95', '#d8c39a'], seed: 202 },
    caption: 'Limestone shore north of Aktau at midday.',
    credit: 'Steppe Courier demo studio (illustration)',
    alt: 'A bright blue sea meeting a pale sandy shore under a clear sky.',
  },
  {
    key: 'shymkent-kokpar-field',
    scene: { kind: 'steppe', palette: ['#9cc8e8', '#fbf0d6', '#b7a05a', '#5e5230'], seed: 203 },
    caption: 'The open field outside Shymkent where the kokpar tournament was held.',
    credit: 'Steppe Courier demo studio (illustration)',
    alt: 'Flat dry grassland under a wide pale sky.',
  },
  {
    key: 'aktobe-stage',
    scene: { kind: 'stadium', palette: ['#1d2b45', '#3a4d73', '#f0c75e', '#c0392b'], seed: 204 },
    caption: 'The philharmonic hall in Aktobe before the aitys began (illustration).',
    credit: 'Steppe Courier demo studio (illustration)',
    alt: 'An empty lit stage seen from the rows of seats in a dark hall.',
  },
];
