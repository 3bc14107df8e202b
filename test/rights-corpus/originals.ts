/**
 * Originals written for the reuse checker's labelled corpus (issue 10): short news stories in
 * English, Russian and Kazakh, invented for this purpose (the people, figures and events are not
 * real reporting). Each has unrelated stories on the same topic beside it, which share its stock
 * phrases ("the akimat said", «сообщили в акимате», «деп хабарлады әкімдік») and its subject but not
 * its text: the checker must not call them copies.
 */

/** One original as it is published: a title, a standfirst and body paragraphs. */
export type CorpusOriginal = {
  key: string;
  language: 'en' | 'ru' | 'kk';
  title: string;
  standfirst: string;
  paragraphs: string[];
  /** Unrelated stories on the same topic (plain paragraphs each). */
  sameTopic: string[][];
};

export const CORPUS_ORIGINALS: CorpusOriginal[] = [
  {
    key: 'en-bike-lanes',
    language: 'en',
    title: 'Almaty to open forty kilometres of protected bike lanes by autumn',
    standfirst: 'The city will separate cyclists from traffic on six streets after a year of consultations with residents and couriers.',
    paragraphs: [
      'Almaty will open forty kilometres of protected bike lanes on six central streets before the end of September, the city akimat said on Tuesday. Concrete kerbs will separate the lanes from cars, and cyclists will get their own signals at the busiest crossings.',
      'The first section, along Abai Avenue between Dostyk and Baitursynov, is due in June. Work on Zheltoksan, Tole Bi and three shorter streets will follow during the summer, when schools are closed and traffic is lighter.',
      'Officials said the plan grew out of a year of public hearings. More than four thousand residents answered an online survey, and delivery couriers, who ride thousands of kilometres a week, were invited to mark the junctions they found most dangerous.',
      '"We asked people where they are afraid to ride, and we drew the map from their answers," said Dana Serikova, who leads the transport department. She added that the lanes would be cleared of snow in winter, a promise cyclists had long asked for.',
      'The project will cost about two billion tenge, paid from the city budget. Parking will be removed from parts of two streets, which shop owners on Tole Bi have criticised at several meetings.',
      'The transport department has also promised two hundred new bicycle racks near metro stations, markets and universities. Racks outside the central market will be covered, so that bicycles left there during the working day do not stand in the rain or under the summer sun.',
      'Engineers will narrow some car lanes to make room for the kerbs, which the department says will also slow traffic near schools. Speed limits on Abai Avenue will fall to forty kilometres an hour on the stretch that passes three schools and a children’s hospital.',
      'Residents of the streets concerned will receive letters describing the works a month before they begin. The akimat said it would keep at least one lane open for cars on every street during construction and would not close any crossing for more than two nights in a row.',
      'The city counted about nine thousand people cycling to work on a typical day last summer, twice as many as three years earlier. Officials hope the protected lanes will double that number again within five years and take some of the pressure off crowded buses.',
    ],
    sameTopic: [
      [
        'Shymkent has painted new bike lanes on two avenues, the city akimat said on Monday. The lanes are marked with white lines only, without kerbs, and run for eight kilometres near the central park.',
        'Local cyclists said the markings were a good start but that cars already park across them in the evenings. The akimat said it would review the scheme after the summer.',
      ],
      [
        'A survey of couriers in Almaty found that most of them ride more than sixty kilometres a day and that nearly half have been in at least one collision. The study was carried out by a university group and published on Tuesday.',
        'The authors recommend lower speed limits near schools and better lighting at crossings. The city akimat said it had received the report and would study it.',
      ],
    ],
  },
  {
    key: 'en-harvest',
    language: 'en',
    title: 'Kostanay farmers bring in an early wheat harvest despite a dry July',
    standfirst: 'Yields are lower than last year, but grain quality is high and prices have held, the regional agriculture office says.',
    paragraphs: [
      'Farmers in Kostanay region began harvesting spring wheat ten days earlier than usual this year, after a hot and almost rainless July ripened the crop ahead of schedule. By Friday about a fifth of the fields had been cut, the regional agriculture office said.',
      'Average yields are running at roughly eleven centners per hectare, down from fourteen last season. Officials said the grain itself is of good quality, with high protein, which should help farmers sell it at a fair price to mills and exporters.',
      'At a farm near Rudny, combine operator Yerlan Abenov said his team was working through the night while the weather stays dry. "Every day without rain is a day we cannot waste," he said, standing beside a trailer of fresh grain.',
      'Smaller farms are under more pressure. Many of them borrowed money in spring to buy seed and fuel, and a weaker harvest leaves less to repay the loans. The regional office said it would ask banks to delay payments for farms that lost more than a third of their crop.',
      'Storage is another worry. Several elevators are still holding grain from last year, and farmers fear queues at the gates in September. The office said extra rail wagons had been requested to move old stocks out of the region.',
      'Livestock farmers in the south of the region say the dry weather has already thinned the hay they cut in June. Some have started buying straw from grain farms, and the price of a round bale has almost doubled since spring, according to sellers at the Kostanay market.',
      'The agriculture office said seed for next year would not be a problem, because most large farms keep their own reserves. It advised smaller farms to set aside part of this year’s crop rather than sell everything at harvest time, when prices are usually lowest.',
      'Mills in the region report that the first deliveries of new wheat have been dry and clean, which reduces the cost of drying. One mill director said he expected flour prices in local shops to stay where they are until at least the end of the year.',
      'Forecasters expect light rain at the end of the month, which would slow the harvest but help the winter pastures.',
    ],
    sameTopic: [
      [
        'Farmers in North Kazakhstan region have started cutting barley, the regional agriculture office said on Friday. Yields are close to the five-year average, and officials expect the wheat harvest to begin next week.',
        'The office said fuel supplies were sufficient for the season and that prices at filling stations had not changed since spring.',
      ],
      [
        'Grain exporters say demand from Central Asian mills remains strong this year. Prices for high-protein wheat have held steady, while feed grain has become cheaper because of large stocks in neighbouring countries.',
        'Traders expect rail transport to be the main constraint in the autumn, as in previous years.',
      ],
    ],
  },
  {
    key: 'ru-lrt',
    language: 'ru',
    title: 'В Астане запустят пробные поездки по линии легкорельсового транспорта',
    standfirst: 'Первые пассажиры смогут проехать по всей трассе от аэропорта до нового вокзала уже этой осенью, сообщили в акимате.',
    paragraphs: [
      'В Астане этой осенью начнутся пробные поездки по линии легкорельсового транспорта, сообщили в акимате столицы во вторник. Составы пройдут всю трассу длиной около двадцати двух километров, от международного аэропорта до вокзала «Нурлы жол».',
      'По словам заместителя акима города Руслана Жаксылыкова, строители уже уложили пути на всех участках, а на большинстве станций завершается отделка. Сейчас инженеры проверяют систему электропитания и сигнализацию, после чего на линию выйдут первые поезда без пассажиров.',
      '«Мы хотим, чтобы жители сами оценили новый транспорт, прежде чем он начнёт работать в полном режиме», — сказал Жаксылыков. Он добавил, что во время пробного периода проезд будет бесплатным, а интервал между поездами составит около пятнадцати минут.',
      'На линии восемнадцать станций. Пересадки на автобусы предусмотрены у большинства из них, а у торгового центра на проспекте Туран появится крытая парковка для тех, кто будет оставлять машину и ехать дальше поездом.',
      'Горожане ждут этот проект больше десяти лет: строительство несколько раз останавливали из-за проблем с финансированием. В акимате признают, что окончательные сроки открытия будут зависеть от результатов проверок.',
      'Экологи надеются, что новая линия снизит число машин на дорогах и уменьшит смог, который зимой часто накрывает город.',
      'Поезда будут работать от электричества, а на крышах двух депо установят солнечные панели. По расчётам проектировщиков, летом панели смогут покрывать около десятой части потребности линии в энергии.',
      'Вагоны рассчитаны на суровые зимы: в них предусмотрены обогрев дверей и подогрев полов, а платформы станций закрыты от ветра стеклянными стенами. Инженеры отдельно проверят, как составы поведут себя при морозе ниже сорока градусов.',
      'Стоимость поездки после окончания пробного периода пока не определена. В акимате обещают, что она будет сопоставима с ценой автобусного билета, а пассажиры смогут пересаживаться на автобусы без повторной оплаты в течение часа.',
      'Машинистов для новой линии обучали полгода, часть из них прошла стажировку за рубежом. Всего на линии будут работать около шестисот человек, включая диспетчеров, ремонтников и сотрудников станций.',
      'Жители районов у аэропорта говорят, что теперь смогут добираться до центра вдвое быстрее, чем сейчас. Владельцы кафе и магазинов рядом с будущими станциями уже готовятся к новому потоку покупателей.',
    ],
    sameTopic: [
      [
        'В Алматы продлят линию метро на две станции, сообщили в акимате города в понедельник. Новые станции откроются в микрорайонах на западе города, где живут больше ста тысяч человек.',
        'Строители обещают завершить работы к концу следующего года. Проезд в метро пока не подорожает, добавили в акимате.',
      ],
      [
        'В Астане изменят маршруты восьми автобусов, сообщили в акимате столицы. Часть остановок перенесут ближе к новым жилым комплексам на левом берегу.',
        'Жители жалуются, что в часы пик автобусы переполнены. В городском транспортном управлении обещают добавить машины на самых загруженных линиях.',
      ],
    ],
  },
  {
    key: 'ru-flood',
    language: 'ru',
    title: 'В Западно-Казахстанской области готовятся к весеннему паводку',
    standfirst: 'Спасатели укрепляют дамбы вдоль Урала, а жителей прибрежных сёл просят заранее собрать документы и запасы.',
    paragraphs: [
      'В Западно-Казахстанской области начали готовиться к весеннему паводку: зима выдалась снежной, и синоптики ожидают высокой воды на реке Урал в начале апреля. Об этом сообщили в департаменте по чрезвычайным ситуациям региона.',
      'Спасатели и добровольцы уже укрепили более тридцати километров дамб вокруг сёл, которые чаще всего страдают от подтоплений. Вдоль берега завезли мешки с песком, насосы и лодки, а в районных центрах развернули пункты временного размещения.',
      'Жителей прибрежных посёлков просят заранее сложить документы в непромокаемые пакеты, подготовить запас воды и лекарств и узнать, где находится ближайший пункт эвакуации. В каждом селе назначены ответственные, которые будут обходить дома, если уровень воды начнёт быстро расти.',
      '«Главное — не ждать последней минуты. Если объявили эвакуацию, нужно уходить сразу», — сказал начальник областного департамента Марат Есенов. По его словам, в прошлый раз многие семьи отказывались покидать дома, и спасателям приходилось вывозить людей на лодках ночью.',
      'Фермеров предупредили о необходимости перегнать скот на возвышенности. Для этого в нескольких районах выделили пастбища и помогают с транспортом.',
      'Гидрологи будут публиковать уровень воды на постах вдоль реки дважды в день.',
      'В прошлом году вода затопила несколько сотен домов, и часть семей до сих пор живёт у родственников. Власти обещали построить для них новые дома на более высоком месте, однако работы завершены только наполовину.',
      'Местные жители сами дежурят у дамб по ночам и сообщают спасателям о каждой протечке. В одном из сёл мужчины по очереди следят за насосами, а женщины готовят еду для добровольцев, которые приезжают помогать из города.',
      'Врачи напоминают, что после паводка вода в колодцах может быть загрязнена. Её советуют кипятить, пока санитарная служба не проверит пробы, а детей просят не играть у затопленных канав.',
      'Для связи с отдалёнными сёлами спасатели раздали рации старостам и проверили работу сирен. Если мобильная связь пропадёт, сигнал об эвакуации подадут сиреной и через громкоговорители на машинах.',
      'Страховые компании отмечают, что лишь немногие хозяева застраховали дома от наводнения. Чиновники призывают жителей опасных районов оформить страховку заранее, пока вода не поднялась.',
    ],
    sameTopic: [
      [
        'В Актюбинской области спасатели проверили состояние мостов и дамб перед паводком, сообщили в департаменте по чрезвычайным ситуациям. Снега в этом году выпало меньше обычного, поэтому сильного подъёма воды не ждут.',
        'Тем не менее жителей сёл у реки Илек просят следить за сообщениями и не выходить на лёд.',
      ],
      [
        'Синоптики обещают тёплую погоду на западе страны уже в конце марта. Снег начнёт быстро таять, и уровень воды в малых реках поднимется, сообщили в Казгидромете.',
        'Водителям советуют не пересекать затопленные участки дорог и заранее узнавать о закрытых трассах.',
      ],
    ],
  },
  {
    key: 'kk-school',
    language: 'kk',
    title: 'Шымкентте бір мың екі жүз оқушыға арналған жаңа мектеп ашылды',
    standfirst: 'Мектепте робототехника зертханасы, жабық бассейн және мүмкіндігі шектеулі балаларға арналған сыныптар бар, деп хабарлады қала әкімдігі.',
    paragraphs: [
      'Шымкенттің Қаратау ауданында бір мың екі жүз оқушыға арналған жаңа мектеп ашылды, деп хабарлады қала әкімдігі сейсенбі күні. Ғимарат екі жылда салынды, оған облыстық бюджеттен қаржы бөлінген.',
      'Мектепте отыз алты сынып, екі спорт залы, жабық бассейн және робототехника зертханасы бар. Бірінші қабаттағы сыныптар мүмкіндігі шектеулі балаларға бейімделген, ал кітапханада оқушылар кешке дейін сабаққа дайындала алады.',
      'Ата-аналардың айтуынша, ауданда мектептер бұрын үш ауысыммен жұмыс істеген. «Балам енді таңертең оқып, түстен кейін үйірмеге бара алады», деді жергілікті тұрғын Гүлнар Әбдіқадырова.',
      'Мектеп директоры Серік Тұрсынбаев жаңа ұжымға елуден астам мұғалім қабылданғанын айтты. Олардың көбі жас мамандар, сондықтан тәжірибелі ұстаздар алғашқы жылы оларға тәлімгер болады.',
      'Қала әкімдігі келесі жылы тағы үш мектеп салуды жоспарлап отыр. Шымкентте халық саны тез өсіп келеді, әсіресе жаңа тұрғын аудандарда орын жетпейді.',
      'Мектептің ашылу салтанатына оқушылар, ата-аналар және құрылысшылар қатысты.',
      'Жаңа ғимаратта күн батареялары мен жылуды үнемдейтін терезелер орнатылған. Құрылысшылардың есебінше, бұл қыс мезгілінде жылу шығынын үштен бір бөлікке азайтады.',
      'Оқушылардың қауіпсіздігі үшін аулада бейнекамералар қойылып, мектепке кіре берісте күзет бекеті жасалған. Сабақ біткеннен кейін кіші сынып оқушыларын ата-аналары арнайы белгіленген жерден күтіп алады.',
      'Мектеп асханасы бір мезгілде төрт жүз баланы тамақтандыра алады. Бастауыш сынып оқушылары ыстық тамақты тегін алады, ал ас мәзірін дәрігер мен ата-аналар кеңесі бірлесіп бекітеді.',
      'Аудан тұрғындары мектеп жанынан шағын саябақ пен велосипед жолын салуды сұрап отыр. Әкімдік бұл ұсынысты келесі жылдың жоспарына енгізетінін айтты.',
      'Робототехника зертханасына қаладағы бір зауыт жабдық сыйға тартты. Зауыт инженерлері аптасына бір рет жоғары сынып оқушыларымен бірге сабақ өткізіп, оларға өз жобаларын құрастыруға көмектеседі.',
      'Мектеп кітапханасында қазақ, орыс және ағылшын тілдеріндегі он мыңнан астам кітап бар. Кітапханашы оқушылар үшін әр ай сайын кітап оқу байқауын ұйымдастыруды жоспарлап отыр.',
      'Директордың айтуынша, алғашқы оқу жылында мектепке ауданның барлық шағын аудандарынан балалар қабылданды. Келесі жылдан бастап оқушылар тек жақын маңдағы көшелерден қабылданады.',
    ],
    sameTopic: [
      [
        'Түркістан облысында жазғы демалыс кезінде он екі мектепке күрделі жөндеу жүргізіледі, деп хабарлады облыс әкімдігі. Жұмыс тамыз айының соңына дейін аяқталуы тиіс.',
        'Ата-аналар жөндеу кезінде балалардың қай мектепке баратынын алдын ала білгісі келеді. Әкімдік бұл туралы ақпарат жақында жарияланатынын айтты.',
      ],
      [
        'Алматыда мұғалімдерге арналған жаңа біліктілікті арттыру орталығы ашылды, деп хабарлады қала әкімдігі. Орталықта жыл сайын үш мыңға жуық ұстаз оқиды.',
        'Курстар цифрлық сауаттылыққа және инклюзивті білім беруге арналған.',
      ],
    ],
  },
  {
    key: 'kk-balkhash',
    language: 'kk',
    title: 'Балқаш көлінің деңгейі соңғы бес жылдағы ең төменгі көрсеткішке жетті',
    standfirst: 'Ғалымдар Іле өзенінің ағысы азайғанын айтып, суды үнемдеу шараларын тезірек қабылдауға шақырады.',
    paragraphs: [
      'Балқаш көлінің деңгейі соңғы бес жылдағы ең төменгі көрсеткішке жетті, деп хабарлады Қазгидромет мамандары. Көктемде жауын-шашын аз болып, Іле өзені арқылы көлге келетін су көлемі едәуір азайған.',
      'Гидролог Айгерім Нұрланқызының айтуынша, көлдің батыс бөлігі әсіресе тез таязданып жатыр. Жағалаудағы кейбір шығанақтарда су жиырма-отыз метрге шегінген, балықшылар қайықтарын алысқа сүйреп апаруға мәжбүр.',
      '«Бұл бір жылдың ғана мәселесі емес. Егер өзен бойындағы егістіктер суды осылай жұмсай берсе, көлге жететін су жыл сайын азая береді», деді ол. Ғалымдар суармалы жерлерде тамшылатып суару жүйесін кеңірек енгізуді ұсынады.',
      'Балқаш маңындағы ауылдардың тұрғындары балық азайғанын байқап отыр. Кейбір отбасылар көктемгі аулау маусымында бұрынғыдан екі есе аз табыс тапқанын айтады.',
      'Экология министрлігі көлдің жағдайын бақылауды күшейтетінін және көршілес елмен су бөлу туралы келіссөздерді жалғастыратынын мәлімдеді.',
      'Мамандар жаздың ыстық айларында судың булануы одан әрі артады деп күтеді.',
      'Балқаш көлі ерекше: оның батыс бөлігіндегі су тұщы, ал шығыс бөлігіндегі су ащы. Ғалымдардың пікірінше, Іле өзенінің суы азайса, тұщы судың аумағы да тарылып, көлдің табиғи тепе-теңдігі бұзылуы мүмкін.',
      'Көл жағасындағы демалыс орындарының иелері де алаңдаулы. Олардың айтуынша, жағажайлар судан алыстап, туристер саны соңғы екі жылда байқалып азайған.',
      'Жергілікті экологтар ауыл тұрғындарымен бірге жағалауды қоқыстан тазартып, көлге құятын шағын өзендердің арналарын бақылауға алды. Олар мектеп оқушыларына су үнемдеу туралы сабақтар өткізуді де жоспарлап отыр.',
      'Ғалымдар алдағы айларда көлдің бірнеше нүктесінде су сынамаларын алып, нәтижесін жыл соңында жариялайды.',
      'Балықшылар қауымдастығының төрағасы Нұржан Сәрсенбаев мемлекеттен балық шабақтарын көлге жіберуді көбейтуді сұрады. Оның сөзінше, соңғы жылдары көксерке мен сазан айтарлықтай азайған.',
      'Облыс әкімдігі өзен бойындағы шаруашылықтармен кездесу өткізіп, суды тиімді пайдалану жолдарын талқылады. Кездесуге қатысқан фермерлердің бірі тамшылатып суаруға көшу қымбатқа түсетінін, бірақ ұзақ мерзімде пайдалы екенін айтты.',
      'Тұрғындар көлдің болашағына алаңдап, әлеуметтік желілерде суды үнемдеуге шақыратын үндеу таратты. Үндеуге бірнеше күн ішінде мыңдаған адам қол қойды.',
    ],
    sameTopic: [
      [
        'Арал теңізінің солтүстік бөлігінде су деңгейі биыл аздап көтерілді, деп хабарлады Қазгидромет мамандары. Бұл Көкарал бөгетінің арқасында мүмкін болды.',
        'Жергілікті балықшылар аулау көлемі өскенін айтады, алайда ғалымдар суды үнемдеу шаралары әлі де қажет деп санайды.',
      ],
      [
        'Алматы облысында суармалы жерлерге тамшылатып суару жүйесін орнатқан фермерлерге субсидия беріледі, деп хабарлады облыс әкімдігі.',
        'Биыл бағдарламаға жүзден астам шаруашылық қатысуға өтінім берген.',
      ],
    ],
  },
];
