/**
 * The phrase book synthetic articles are written from, in English, Russian and Kazakh: our own
 * short phrases that fit together into grammatical news sentences (Russian predicates in the
 * present tense, so they agree with any singular subject; Kazakh sentences verb-last). Nothing
 * here is copied from anywhere: it only has to read like news and give search, feeds and pages
 * realistic words, lengths and repetition.
 */

/** The languages synthetic articles are written in. */
export type SyntheticLanguage = 'en' | 'ru' | 'kk';

/** One language's phrases. */
export type PhraseBook = {
  /** Where or when something happens, opening a sentence. */
  openers: string[];
  /** Who acts (singular). */
  subjects: string[];
  /** What they do, with its object (en, ru); in Kazakh the object comes before `verbs`. */
  predicates: string[];
  /** Kazakh only: the verb ending a sentence (past tense). */
  verbs: string[];
  /** A closing clause after a comma, for longer sentences. */
  tails: string[];
  /** Short headline patterns: {place}, {subject}, {thing}. */
  headlines: string[];
  /** Nouns a headline names. */
  things: string[];
  /** Places, as a headline or sentence names them. */
  places: string[];
  /** Subheadings of longer pieces. */
  subheadings: string[];
  /** Tags, by the section slug they belong to. */
  tags: Record<string, string[]>;
};

const EN: PhraseBook = {
  openers: [
    'In Almaty', 'In Astana', 'In Shymkent', 'In Karaganda', 'In Aktobe', 'In Pavlodar', 'On Monday', 'On Tuesday', 'Earlier this week',
    'Late on Friday', 'This spring', 'After months of talks', 'According to local officials', 'For the first time in a decade', 'Across the region',
    'Near the Caspian coast', 'In the northern districts', 'At a press briefing', 'Despite the cold weather', 'Over the weekend',
  ],
  subjects: [
    'the city council', 'the regional akimat', 'a group of farmers', 'the national bank', 'the ministry of energy', 'a local school',
    'the railway operator', 'a team of geologists', 'the football federation', 'a young start-up', 'the water utility', 'the theatre company',
    'a hospital in the centre', 'the customs service', 'a delegation from the capital', 'the weather service', 'the university', 'a cooperative of herders',
    'the transport department', 'a family-run bakery',
  ],
  predicates: [
    'announced a new programme for rural roads', 'opened a second line of the light rail', 'reported a rise in wheat exports',
    'presented plans for a solar park', 'signed an agreement with foreign investors', 'cut the price of public transport tickets',
    'launched a competition for young engineers', 'warned of strong winds in the steppe', 'restored a nineteenth-century mosque',
    'completed repairs on the main bridge', 'doubled the number of school places', 'raised the base interest rate',
    'hosted the regional chess championship', 'received new buses from a domestic plant', 'planted ten thousand trees along the river',
    'published figures on household incomes', 'agreed to expand the airport terminal', 'began testing a new water purification plant',
    'won the national volleyball cup', 'found traces of an ancient settlement',
  ],
  verbs: [],
  tails: [
    'officials said', 'which residents had long asked for', 'although critics called the budget too small', 'with work due to finish next year',
    'the first such step since independence', 'as prices continued to climb', 'in a move welcomed by local business', 'according to a statement on its website',
    'while neighbouring regions watch closely', 'despite a shortage of qualified staff',
  ],
  headlines: [
    '{place}: {subject} {thing}', '{subject} plans {thing} in {place}', 'What {thing} means for {place}', '{place} waits for {thing}',
    'New figures on {thing} in {place}', 'Why {place} is talking about {thing}',
  ],
  things: [
    'new bus lanes', 'a solar park', 'wheat exports', 'the heating season', 'school places', 'the light rail', 'water tariffs', 'a chess championship',
    'spring floods', 'the airport terminal', 'mortgage rates', 'a film festival', 'the grain harvest', 'rural roads', 'a museum reopening', 'mining jobs',
  ],
  places: ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Aktobe', 'Pavlodar', 'Atyrau', 'Kostanay', 'Turkistan', 'Oskemen', 'Semey', 'Taraz'],
  subheadings: ['What happens next', 'The cost', 'Voices from the street', 'A long history', 'What the figures show', 'The view from the regions'],
  tags: {
    politics: ['Elections', 'Parliament', 'Local government', 'Reforms', 'Diplomacy'],
    economy: ['Agriculture', 'Banking', 'Energy', 'Exports', 'Housing', 'Mining', 'Prices'],
    culture: ['Cinema', 'Music', 'Theatre', 'Heritage', 'Books', 'Festivals'],
    sport: ['Football', 'Boxing', 'Wrestling', 'Volleyball', 'Chess', 'Athletics'],
    science: ['Space', 'Geology', 'Medicine', 'Climate', 'Technology'],
    regions: ['Transport', 'Water', 'Schools', 'Health care', 'Weather', 'Roads'],
  },
};

const RU: PhraseBook = {
  openers: [
    'В Алматы', 'В Астане', 'В Шымкенте', 'В Караганде', 'В Актобе', 'В Павлодаре', 'В понедельник', 'Во вторник', 'На этой неделе',
    'В пятницу вечером', 'Этой весной', 'После долгих переговоров', 'По данным местных властей', 'Впервые за десять лет', 'По всему региону',
    'На побережье Каспия', 'В северных районах', 'На брифинге', 'Несмотря на холодную погоду', 'В выходные',
  ],
  subjects: [
    'городской маслихат', 'областной акимат', 'группа фермеров', 'национальный банк', 'министерство энергетики', 'местная школа',
    'железнодорожный оператор', 'команда геологов', 'федерация футбола', 'молодой стартап', 'водоканал', 'драматический театр',
    'центральная больница', 'таможенная служба', 'делегация из столицы', 'метеослужба', 'университет', 'кооператив животноводов',
    'управление транспорта', 'семейная пекарня',
  ],
  predicates: [
    'объявляет новую программу ремонта сельских дорог', 'открывает вторую линию легкорельсового транспорта', 'сообщает о росте экспорта пшеницы',
    'представляет планы солнечной электростанции', 'подписывает соглашение с иностранными инвесторами', 'снижает цену проезда в автобусах',
    'запускает конкурс для молодых инженеров', 'предупреждает о сильном ветре в степи', 'восстанавливает старинную мечеть',
    'завершает ремонт главного моста', 'удваивает число мест в школах', 'повышает базовую ставку', 'принимает чемпионат области по шахматам',
    'получает новые автобусы отечественной сборки', 'высаживает десять тысяч деревьев вдоль реки', 'публикует данные о доходах семей',
    'расширяет терминал аэропорта', 'испытывает новую станцию очистки воды', 'выигрывает кубок страны по волейболу', 'находит следы древнего поселения',
  ],
  verbs: [],
  tails: [
    'сообщили в пресс-службе', 'о чём жители просили много лет', 'хотя критики считают бюджет слишком скромным', 'работы планируют завершить в следующем году',
    'это первый такой шаг за годы независимости', 'на фоне продолжающегося роста цен', 'что приветствует местный бизнес', 'говорится в заявлении на сайте',
    'за этим внимательно следят соседние области', 'несмотря на нехватку специалистов',
  ],
  headlines: ['{place}: {subject} и {thing}', '{place}: {thing}', '{thing} — новости города {place}', 'Новые данные: {thing}, {place}'],
  things: [
    'выделенные полосы', 'солнечная станция', 'экспорт зерна', 'отопительный сезон', 'места в школах', 'лёгкое метро', 'тарифы на воду', 'шахматный турнир',
    'весенний паводок', 'терминал аэропорта', 'ипотечные ставки', 'кинофестиваль', 'урожай пшеницы', 'сельские дороги', 'открытие музея', 'рабочие места на шахтах',
  ],
  places: ['Алматы', 'Астана', 'Шымкент', 'Караганда', 'Актобе', 'Павлодар', 'Атырау', 'Костанай', 'Туркестан', 'Усть-Каменогорск', 'Семей', 'Тараз'],
  subheadings: ['Что дальше', 'Сколько это стоит', 'Мнения горожан', 'Долгая история', 'Что показывают цифры', 'Взгляд из регионов'],
  tags: {
    politics: ['Выборы', 'Парламент', 'Местное управление', 'Реформы', 'Дипломатия'],
    economy: ['Сельское хозяйство', 'Банки', 'Энергетика', 'Экспорт', 'Жильё', 'Горное дело', 'Цены'],
    culture: ['Кино', 'Музыка', 'Театр', 'Наследие', 'Книги', 'Фестивали'],
    sport: ['Футбол', 'Бокс', 'Борьба', 'Волейбол', 'Шахматы', 'Лёгкая атлетика'],
    science: ['Космос', 'Геология', 'Медицина', 'Климат', 'Технологии'],
    regions: ['Транспорт', 'Вода', 'Школы', 'Здравоохранение', 'Погода', 'Дороги'],
  },
};

const KK: PhraseBook = {
  openers: [
    'Алматыда', 'Астанада', 'Шымкентте', 'Қарағандыда', 'Ақтөбеде', 'Павлодарда', 'Дүйсенбі күні', 'Сейсенбі күні', 'Осы аптада',
    'Жұма күні кешке', 'Биыл көктемде', 'Ұзақ келіссөздерден кейін', 'Жергілікті билік мәліметінше', 'Он жылда алғаш рет', 'Өңір бойынша',
    'Каспий жағалауында', 'Солтүстік аудандарда', 'Брифинг кезінде', 'Суық ауа райына қарамастан', 'Демалыс күндері',
  ],
  subjects: [
    'қалалық мәслихат', 'облыс әкімдігі', 'бір топ фермер', 'ұлттық банк', 'энергетика министрлігі', 'жергілікті мектеп', 'теміржол операторы',
    'геологтар тобы', 'футбол федерациясы', 'жас стартап', 'су арнасы', 'драма театры', 'орталық аурухана', 'кеден қызметі', 'астаналық делегация',
    'ауа райы қызметі', 'университет', 'малшылар кооперативі', 'көлік басқармасы', 'отбасылық наубайхана',
  ],
  predicates: [
    'ауыл жолдарын жөндеудің жаңа бағдарламасын', 'жеңіл рельсті көліктің екінші желісін', 'бидай экспортының өсуі туралы деректі',
    'күн электр станциясының жобасын', 'шетелдік инвесторлармен келісімді', 'автобустағы жол ақысының жаңа бағасын', 'жас инженерлерге арналған байқауды',
    'даладағы қатты жел туралы ескертуді', 'көне мешітті', 'басты көпірдің жөндеуін', 'мектептегі орындар санын', 'базалық мөлшерлемені',
    'облыстық шахмат чемпионатын', 'отандық жаңа автобустарды', 'өзен бойындағы он мың ағашты', 'отбасылар табысы туралы мәліметті',
    'әуежай терминалын', 'суды тазартудың жаңа станциясын', 'волейболдан ел кубогын', 'ежелгі қоныстың іздерін',
  ],
  verbs: ['жариялады', 'таныстырды', 'бекітті', 'іске қосты', 'талқылады', 'қолдады', 'аяқтады', 'ұсынды', 'қабылдады', 'жаңартты'],
  tails: [
    'деп хабарлады баспасөз қызметі', 'тұрғындар мұны көптен күткен', 'сыншылар бюджетті аз деп санайды', 'жұмыстар келесі жылы аяқталмақ',
    'бұл тәуелсіздік жылдарындағы алғашқы қадам', 'бағаның өсуі жалғасып жатыр', 'жергілікті бизнес мұны құптады', 'делінген ресми мәлімдемеде',
    'көрші облыстар мұны мұқият бақылап отыр', 'мамандар жетіспесе де',
  ],
  headlines: ['{place}: {subject} және {thing}', '{thing}: {place} нені күтеді', '{place} тұрғындары {thing} туралы', 'Жаңа деректер: {thing}, {place}'],
  things: [
    'бөлек жолақтар', 'күн станциясы', 'астық экспорты', 'жылу маусымы', 'мектептегі орындар', 'жеңіл метро', 'су тарифтері', 'шахмат турнирі',
    'көктемгі су тасқыны', 'әуежай терминалы', 'ипотека мөлшерлемесі', 'кинофестиваль', 'бидай өнімі', 'ауыл жолдары', 'мұражайдың ашылуы', 'кеніштегі жұмыс орындары',
  ],
  places: ['Алматы', 'Астана', 'Шымкент', 'Қарағанды', 'Ақтөбе', 'Павлодар', 'Атырау', 'Қостанай', 'Түркістан', 'Өскемен', 'Семей', 'Тараз'],
  subheadings: ['Әрі қарай не болады', 'Құны қанша', 'Тұрғындар пікірі', 'Ұзақ тарих', 'Сандар не дейді', 'Өңірлердегі көзқарас'],
  tags: {
    politics: ['Сайлау', 'Парламент', 'Жергілікті басқару', 'Реформалар', 'Дипломатия'],
    economy: ['Ауыл шаруашылығы', 'Банктер', 'Энергетика', 'Экспорт', 'Тұрғын үй', 'Тау-кен', 'Бағалар'],
    culture: ['Кино', 'Музыка', 'Театр', 'Мұра', 'Кітаптар', 'Фестивальдер'],
    sport: ['Футбол', 'Бокс', 'Күрес', 'Волейбол', 'Шахмат', 'Жеңіл атлетика'],
    science: ['Ғарыш', 'Геология', 'Медицина', 'Климат', 'Технология'],
    regions: ['Көлік', 'Су', 'Мектептер', 'Денсаулық сақтау', 'Ауа райы', 'Жолдар'],
  },
};

/** Every language's phrase book. */
export const PHRASE_BOOKS: Record<SyntheticLanguage, PhraseBook> = { en: EN, ru: RU, kk: KK };

/** The sections synthetic articles are filed in: slug and its name in each language. */
export const SYNTHETIC_SECTIONS: ReadonlyArray<{ slug: string; names: Record<SyntheticLanguage, string> }> = [
  { slug: 'politics', names: { en: 'Politics', ru: 'Политика', kk: 'Саясат' } },
  { slug: 'economy', names: { en: 'Economy', ru: 'Экономика', kk: 'Экономика' } },
  { slug: 'culture', names: { en: 'Culture', ru: 'Культура', kk: 'Мәдениет' } },
  { slug: 'sport', names: { en: 'Sport', ru: 'Спорт', kk: 'Спорт' } },
  { slug: 'science', names: { en: 'Science', ru: 'Наука', kk: 'Ғылым' } },
  { slug: 'regions', names: { en: 'Regions', ru: 'Регионы', kk: 'Өңірлер' } },
];

/** Given names and family names bylines are made from (Kazakh and Russian names in Latin letters). */
export const BYLINE_GIVEN_NAMES = ['Aigerim', 'Daniyar', 'Madina', 'Yerlan', 'Saule', 'Timur', 'Aliya', 'Nurlan', 'Olga', 'Sergei', 'Dana', 'Arman', 'Zhanna', 'Ruslan', 'Asel', 'Marat'];
export const BYLINE_FAMILY_NAMES = ['Nurlanova', 'Seitkali', 'Abenova', 'Omarov', 'Ivanova', 'Kassymov', 'Zhaksylykova', 'Petrov', 'Akhmetova', 'Bekov', 'Tulegenova', 'Sarsenbayev'];
