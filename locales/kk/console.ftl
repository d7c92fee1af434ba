# The operator console (/operator/): pages for call-centre operators.

console-name = Citizen — оператор пульті
console-skip-to-content = Мазмұнға өту
console-nav-label = Пульт бөлімдері
console-nav-search = Қызметті табу
console-nav-applications = Қоңырау шалған азамат
console-language-switch = Қазақша интерфейс
console-language-name = Қазақша
console-signed-in-as = Оператор: { $name }
console-sign-in = Кіру
console-sign-out = Шығу
console-signed-out = Сіз пульттен шықтыңыз.
console-back-to-search = Қызметтерді іздеуге оралу
console-yes = иә
console-no = жоқ
console-show = Көрсету
console-print = Басып шығару

console-shortcuts-title = Пернелер
console-shortcut-search = іздеу
console-shortcut-language = интерфейс тілі
console-shortcut-applications = қоңырау шалған азамат
console-shortcut-regions = өңірлер бойынша айырмашылықтар
console-shortcut-calculator = дайын болу күнінің калькуляторы
console-shortcut-print = басып шығару
console-shortcuts-accesskey = Пернелер курсор енгізу өрісінде болмағанда жұмыс істейді. JavaScript өшірулі болса, сол әріптер (іздеу үшін — S) браузердің қол жеткізу пернесімен бірге жұмыс істейді (мысалы, Alt+Shift+әріп).

## Errors

console-error-title = Орындалмады
console-error-csrf = Пішіннің мерзімі өтіп кеткен немесе ол пульттен жіберілмеген, сондықтан қабылданбады. Бетті жаңартып, пішінді қайта жіберіңіз.
console-error-form-kind = Пішін күтпеген түрде келді. Бетті жаңартып, пішінді қайта жіберіңіз.
console-error-form-too-large = Пішін тым үлкен. Мәтінді қысқартып, қайта жіберіңіз.
console-error-busy = Дерекқор қазір бос емес. Бірнеше секундтан кейін қайталап көріңіз.
console-error-internal = Ішкі қате. Әкімшіге сұрау нөмірін хабарлаңыз: { $id }.
console-error-no-service = Каталогта мұндай қызмет жоқ. Оны іздеу арқылы табыңыз.
console-error-no-application = Өтініш енді табылмады.

## Signing in

console-sign-in-title = Оператордың кіруі
console-sign-in-intro = Оператор токенімен кіріңіз. Оны әкімші «citizen tokens create АТЫ --role operator» командасымен береді.
console-sign-in-token = Оператор токені
console-sign-in-token-hint = «ctz_» деп басталады. Токен браузерде сақталмайды: пульт тек кім кіргенін есте сақтайды.
console-sign-in-wrong = Токен сәйкес келмеді: ол қате, кері қайтарылған немесе толық енгізілмеген. Токенді тексеріп, қайталап көріңіз.
console-sign-in-not-operator = Бұл — көрсетілетін қызметті берушінің ақпараттық жүйесінің токені, оператордікі емес. Пультке тек оператор токенімен (operator рөлі) кіруге болады.

## Finding a service

console-search-title = Қызметті табу
console-search-title-for = Іздеу: { $query }
console-search-label = Қызметтің атауы немесе азаматтың сөздері
console-search-hint = Қазақша, орысша немесе латын әрпімен, қатемен де жазуға болады: «балабақша», «очередь в садик».
console-search-button = Іздеу
console-filter-region = Өңір
console-filter-any-region = Барлық өңірлер
console-filter-category = Бөлім
console-filter-any-category = Барлық бөлімдер
console-search-results = Қызметтер
console-search-count = { $count } қызмет табылды
console-search-nothing = «{ $query }» сұрауына каталогта ештеңе сәйкес келмейді.
console-search-none-with-filters = Бұл өңір мен бөлімде каталогта қызмет жоқ.
console-search-where-else = Мемлекеттік қызметтердің толық тізбесі порталда:
console-col-category = Бөлім
console-col-regions = Өңірлер
console-listed-only-short = тек атауы белгілі
console-no-regulation-short = өңірлік регламенті жоқ
# Beside the name of an abolished service in the search results.
console-search-abolished = қызмет жойылған
console-listed-only = Бұл қызмет туралы каталогта тек атауы белгілі: біздің дереккөздерде оның регламенті жоқ. Толығырақ egov.kz порталынан нақтылаңыз.
# A service with a record of what applies today, but no regional regulation.
console-no-regulation = Біздің дереккөздерде бұл қызметтің өңірлік регламенті жоқ; қазір не қолданылатыны жоғарыда айтылған.

## The service page

console-service-id = Қызмет коды
console-region = Өңір
console-region-choose = Регламенттің өңірі
console-regions-link = Өңірлер бойынша айырмашылықтар
console-calc-link = Дайын болу күнінің калькуляторы
console-section-provider = Қызметті кім көрсетеді
console-result = Нәтиже
console-result-forms = Нәтиженің нысаны
console-section-documents = Құжаттар
console-all-channels = Жүгінудің барлық тәсілдері үшін
console-documents-none-on-channel = Бұл жүгіну тәсілі үшін дереккөз құжаттарды атамайды; тізбе туралы белгілісі төменде.
console-documents-none = Құжаттар туралы мәлімет жоқ.
console-section-where = Қайда жүгіну керек
console-channel = Жүгіну тәсілі
console-accepts-applications = Өтініш қабылдайды
console-issues-results = Нәтиже береді
console-offices = Кеңселер
console-offices-none = Каталогта осы өңірде бұл қызмет бойынша кеңсе мекенжайлары жоқ.
console-office-channel = Қайда
console-office-address = Мекенжайы
console-office-hours = Жұмыс уақыты
console-office-phone = Телефоны
console-office-map = Картадан ашу (OpenStreetMap)
console-section-how-long = Қанша күту керек
console-counted-from = Мерзімнің басталуы
console-steps-without-duration = { $count } рәсімнің ұзақтығы көрсетілмеген; олар қосындыға кірмеді.
console-term-unknown = Регламент мерзімді де, рәсімдердің ұзақтығын да атамайды.
console-steps-on-channel = Осы жүгіну тәсілінде { $count } рәсім
console-step-no-duration = ұзақтығы көрсетілмеген
console-max-waiting = Кезекте күтудің ең ұзақ уақыты: { $duration }.
console-max-service = Қызмет көрсетудің ең ұзақ уақыты: { $duration }.
console-section-cost = Құны
console-section-refusal = Бас тарту негіздері
console-refusal-none = Бас тарту негіздері туралы мәлімет жоқ.
console-section-legal = Құқықтық негіз
console-legal-regulation = Регламент
console-legal-standard = Қызмет стандарты
console-act-of = { $date }
console-act-registry = тіркеу № { $number }
console-appendix = { $appendix }-қосымша
console-amendments = { $count } өзгеріс
console-standard-ref = Стандарттың тармағы: { $ref }
console-regulation-source = Регламент мәтінінің дереккөзі
console-act-source = Акт туралы мәліметтердің дереккөзі
console-name-source = Қызмет атауы қайдан алынды
console-source = Дереккөз
console-source-seed = бастапқы құжат { $seed }
console-source-edition = редакциясы: { $edition }
console-section-notes = Регламентке ескертпелер
console-section-bot = Азаматты ботқа жіберу
console-bot-say = Осы сілтемені айтып беріңіз немесе жіберіңіз: бот осы қызметтің карточкасын ашады.
console-bot-not-configured = Ботқа сілтеме бапталмаған: бот атын әкімші CITIZEN_TELEGRAM_BOT_USERNAME баптауында береді.

## Regional differences

console-regions-title = Өңірлер бойынша айырмашылықтар: { $service }
console-regions-legend = — мәні басқа өңірлерден өзгеше.
console-row-channels = Жүгіну тәсілдері
console-row-step_count = Рәсімдер саны
console-row-steps = Рәсімдер және олардың ұзақтығы
console-row-term = Мерзімі: { $channel }
console-row-act = Регламентті бекіткен акт
console-row-varies = өзгеше
console-differs = өзгеше
console-role-both = өтініш те, нәтиже де
console-role-accepts = тек өтініш
console-role-issues = тек нәтиже
console-channel-not-here = бұл тәсілмен жүгінбейді

## The date calculator

console-calc-title = Дайын болу күнінің калькуляторы
console-calc-abolished = Дайын болу күні есептелмейді: қызмет жойылған, ол бойынша өтініштер енді қабылданбайды. Бұрынғы регламент қызмет бетінде тарихи анықтама ретінде қалады.
console-calc-date = Өтініш берілген күн
console-calc-time = Өтініш берілген уақыт
console-calc-time-hint = Қазақстан уақыты бойынша (UTC+5).
console-calc-answer-language = Жауап тілі
console-calc-button = Есептеу
console-calc-error-moment = Өтініш берілген күн мен уақытты толық көрсетіңіз, мысалы 30.12.2026 және 10:00.
console-calc-error-channel = Бұл өңірде осы қызмет бойынша өтініш бұл тәсілмен қабылданбайды. Басқа тәсілді таңдаңыз.
console-calc-answer-title = Азаматқа жауап
console-calc-submitted = Өтініш берілген уақыт: { $date }, сағат { $time } ({ $channel }).
console-calc-ready = Нәтиже { $date }, { $weekday } күні дайын болады.
console-calc-term = Мерзімі — { $term }.
console-calc-days-off = Есептелмеген демалыс күндері ({ $count }):
console-calc-day-off = демалыс күні
console-calc-no-days-off = Бұл аралықта демалыс күндері жоқ.
console-calc-assumptions = Біз нені болжадық

# Holidays by the `holidays` package's English name; the Kazakh names are the package's own
# (tests/test_console_core.py keeps them equal).
console-holiday-substituted = { $date } күнінен ауыстырылған демалыс күні
console-holiday-observed = { $name } (қайта белгіленген демалыс)
console-holiday-estimated = { $name } (бағаланған)
console-holiday-new-years-day = Жаңа жыл
console-holiday-orthodox-christmas = Православиелік Рождество
console-holiday-international-womens-day = Халықаралық әйелдер күні
console-holiday-nowruz-holiday = Наурыз мейрамы
console-holiday-kazakhstans-people-solidarity-holiday = Қазақстан халқының бірлігі мерекесі
console-holiday-defender-of-the-fatherland-day = Отан Қорғаушы күні
console-holiday-victory-day = Жеңіс күні
console-holiday-capital-day = Астана күні
console-holiday-constitution-day = Қазақстан Республикасының Конституциясы күні
console-holiday-eid-al-adha = Құрбан айт
console-holiday-first-president-day = Қазақстан Республикасының Тұңғыш Президенті күні
console-holiday-independence-day = Тәуелсіздік күні
console-holiday-republic-day = Республика күні
console-holiday-republic-day-of-kazakhstan = Қазақстан Республикасы күні

## The citizen on the phone

console-lookup-title = Қоңырау шалған азамат
console-lookup-intro = Азамат айтқан қолхат нөмірі мен ЖСН бойынша өтінішті табыңыз. Әр іздеу журналға жазылады: кім, қашан, қай өтініш және не үшін. ЖСН сақталмайды және көрсетілмейді.
console-lookup-number = Қолхат нөмірі
console-lookup-iin = Азаматтың ЖСН-і
console-lookup-iin-hint = 12 цифр. Өріс әр іздеуден кейін тазартылады.
console-lookup-reason = Жүгіну себебі
console-lookup-reason-hint = Мысалы: «азамат мерзімді білгісі келеді». Кемінде 5 таңба; журналға жазылады.
console-lookup-button = Өтінішті табу
console-lookup-need-number = Қолхат нөмірін көрсетіңіз.
console-lookup-need-reason = Жүгіну себебін көрсетіңіз (кемінде 5 таңба): онсыз өтініш ашылмайды.
console-lookup-too-many = Сіз қысқа уақытта тым көп іздеу жасадыңыз. { $minutes } минуттан кейін қайталап көріңіз.
console-lookup-proof-expired = Өтінішті ашу үшін оны азаматтың қолхат нөмірі мен ЖСН-і бойынша қайта табыңыз.

## The application page

console-app-title = { $number } өтініші
console-app-another = Басқа өтінішті табу
console-app-looked-up-because = Жүгіну себебі: { $reason }
console-app-summary = Қысқаша
console-app-service = Қызмет
console-app-submitted = Берілген уақыты
console-app-status = Мәртебесі
console-app-current-step = Ағымдағы рәсім
console-app-step-line = { $number }-рәсім: { $actor }
console-app-step-unknown = { $number }-рәсім (ол енді каталогта жоқ)
console-app-expected = Дайын болатын күні
console-app-expected-unknown = есептелмеген: регламентте мерзім жоқ
console-app-office = Нәтижені қайдан алуға болады
console-app-office-gone = «{ $office }» кеңсесі енді каталогта жоқ.
console-app-office-none = Нәтиже берілетін кеңсе көрсетілмеген.
console-app-path = Осы жүгіну тәсіліндегі рәсімдер
console-app-here = Қазір осында:
console-app-timeline = Мәртебелер тарихы
console-app-when = Қашан
console-app-details = Толығырақ
console-app-by = Кім өзгертті
console-app-reason = Себебі: { $reason }
console-app-reason-other-language = (қызмет беруші себепті тек басқа тілде көрсеткен)
console-app-notifications = Telegram-дағы хабарламалар
console-app-chats = { $count ->
    [0] Бұл өтінішті бірде-бір чат бақыламайды.
   *[other] Бұл өтінішті { $count } чат бақылайды.
}
console-app-latest-states = Соңғы мәртебе туралы хабарламалар:
console-app-resend = Хабарламаны қайта жіберу
console-app-resent = Кезекке қойылды: { $queued }; жіберілуін күтіп тұр: { $waiting }; ботты бұғаттаған чаттар: { $blocked }.

console-delivery-created = жіберілуін күтіп тұр
console-delivery-sending = жіберілуде
console-delivery-delivered = жеткізілді
console-delivery-temporary_failure = уақытша қате, қайталанады
console-delivery-permanent_failure = жеткізілмеді (чат қолжетімсіз)
console-delivery-technical_failure = жеткізілмеді (техникалық ақау)
