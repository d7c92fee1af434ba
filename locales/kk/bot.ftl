# The Telegram bot. Labels for channels, durations, forms, act status, costs, term bases and
# assumptions live in catalogue.ftl and are reused from there.

## Language

# The name of this language, written in this language (a language button).
bot-language-self = Қазақша
bot-language-greeting = Сәлеметсіз бе! Мен Citizen — Қазақстанның мемлекеттік қызметтері бойынша көмекшімін. Сөйлесу тілін таңдаңыз:
bot-language-prompt = Сөйлесу тілін таңдаңыз:
bot-language-saved = Дайын: енді мен қазақша сөйлеймін. Тілді кез келген уақытта /language командасымен ауыстыруға болады.

## Start and menu

bot-welcome =
    Мемлекеттік қызмет үшін қандай құжаттар керек екенін, қайда жүгіну керегін, қанша уақыт кететінін айтып беремін, ал нәтиже дайын болғанда хабарлаймын.

    Не керек екенін жай ғана жазыңыз, мысалы: <i>балабақша кезегі</i>. Немесе санатты таңдаңыз.
bot-menu-search = 🔎 Қызметті табу
bot-menu-browse = 📂 Қызмет санаттары
bot-menu-applications = 📋 Менің өтініштерім
bot-menu-language = 🌐 Тіл
bot-menu-help = ❓ Көмек
bot-menu-back = ⬅️ Артқа

## Commands menu

bot-cmd-start = Бастау және басты мәзір
bot-cmd-services = Қызмет санаттары
bot-cmd-search = Қызметті табу
bot-cmd-my = Менің өтініштерім
bot-cmd-language = Тілді ауыстыру
bot-cmd-help = Ботты қалай пайдалану керек

## Help

bot-help =
    <b>Қалай пайдалану керек</b>

    🔎 Не керек екенін өз сөзіңізбен жазыңыз: «балабақша», «қорғаншылық», «жұмыссыз анықтамасы». Қате жазсаңыз да табамын.
    📂 /services — барлық қызметтер санаттар бойынша.
    📋 /my — сіздің өтініштеріңіз: қолхат нөмірі мен ЖСН бойынша жазылыңыз, мәртебесі өзгергенде хабарлаймын.
    🌐 /language — қазақша немесе орысша.

    Қызмет карточкасында: қандай құжаттар алу керек, қайда жүгіну керек, қанша уақыт кетеді және өтінішті бүгін берсеңіз, нәтиже қашан дайын болады.

    Кез келген чатта <code>@{ $bot } балабақша</code> деп жазып, қызмет карточкасын әңгімелесушіге жіберуге болады.

    Карточка қазір не қолданылатынынан басталады: қай акт қолданылады, одан не оқылды және оны қайдан тексеруге болады. Бұрынғы өңірлік регламенттердің мәліметтері (олардың бәрінің күші жойылған) төменде тарихи мәлімет ретінде берілген.

## Search

bot-search-prompt = Қандай қызмет керек екенін жазыңыз, мысалы: <i>балабақша кезегі</i>.
bot-search-results = «{ $query }» сұрауы бойынша { $count } қызмет табылды:
bot-search-corrected = Қателері түзетілген сұрау: «{ $query }»
bot-search-none = «{ $query }» сұрауы бойынша ештеңе табылмады. Басқаша жазып көріңіз немесе қызметтерді санаттар бойынша қараңыз.
bot-search-empty = Не керек екені туралы кемінде бір сөз жазыңыз.
bot-search-pick = Қызметтің нөмірін таңдаңыз.
# After the name of an abolished service in a list: it is still found, to learn why it is gone.
bot-list-abolished = ⛔ қызмет жойылған
bot-text-only = Мен тек мәтінді түсінемін. Қандай қызмет керек екенін жазыңыз.

## Browsing

bot-browse-categories = Санатты таңдаңыз:
bot-browse-services = <b>{ $category }</b>: { $count } қызмет.
bot-browse-empty = Бұл санатта әзірге қызметтер жоқ.

## Region

# Under what applies today: the regional regulations, one per region, are the history.
bot-region-prompt = Қызмет көрсетудің бұрынғы тәртібін әр өңір өз регламентімен бекіткен. Қай өңір керек?
bot-region-change = 📍 Басқа өңір

## Service card

bot-card-region = 📍 Өңір: { $region }
bot-card-provider = 🏛 Көрсетілетін қызметті беруші: { $provider }
bot-card-result = 📄 Нәтиже: { $result }
bot-card-cost = 💳 Құны: { $cost }
bot-card-forms = Көрсету нысаны: { $forms }
bot-card-status-line = ⚖️ Регламент: { $status }
bot-card-listed-only = Бұрынғы өңірлік актілерде бұл қызмет тек аталады: «{ $act }» ({ $status }). Олар бойынша құжаттар, мерзімдер мен мекенжайлар туралы мәлімет жоқ.
bot-card-no-regulation = 📜 Бұл қызметтің өңірлік регламенті каталогта жоқ; төменде – каталогтың бұрынғы жалпы мәліметтері.
bot-card-unofficial-name = Орысша атауы — біздің аудармамыз, ресми мәтіні табылмады.
bot-card-part = { $pages } бөліктің { $page }-бөлігі

bot-tab-overview = ℹ️ Қысқаша
bot-tab-today = 🔎 Толығырақ, дереккөздерімен
bot-tab-documents = 📄 Құжаттар
bot-tab-where = 🏢 Қайда жүгіну керек
bot-tab-time = ⏱ Мерзімдер
bot-tab-ready = 📅 Қашан дайын болады?
bot-tab-law = ⚖️ Құқықтық мәртебесі
bot-tab-notes = 📝 Ескертпелер
bot-card-share = 📤 Бөлісу
bot-card-track = 🔔 Өтінішті бақылау

## Documents

bot-docs-title = <b>Қандай құжаттар алу керек</b>
bot-docs-unknown = ⚠️ Құжаттардың нақты тізбесі бізде жоқ.
bot-docs-channels = тек мына жерге жүгінгенде: { $channels }
bot-docs-refusal-title = <b>Бас тарту негіздері</b>
bot-docs-none = Каталогта құжаттар туралы мәлімет жоқ. Тізбені egov.kz порталынан немесе көрсетілетін қызметті берушіден нақтылаңыз.


## Where to apply

bot-where-title = <b>Қайда жүгіну керек</b>
bot-where-apply = Өтінішті қайда беруге болады:
bot-where-results = Нәтижені қайдан алуға болады:
bot-where-offices = Өңірдегі мекенжайлар:
bot-where-no-offices = Бұл өңірдегі бөлімшелердің мекенжайлары бізде жоқ: ең жақын бөлімшені egov.kz порталынан нақтылаңыз.
bot-where-hours = Жұмыс уақыты: { $hours }
bot-where-phone = Телефон: { $phone }
bot-where-map = 🗺 Картада: { $office }

## How long

bot-time-title = <b>Қанша уақыт кетеді</b>
# Per way of applying: the total (a stated term, or the steps added up), then its basis.
bot-time-channel = <b>{ $channel }</b>: { $duration }
bot-time-channel-unknown = <b>{ $channel }</b>: мерзімін айту мүмкін емес — регламентте жалпы мерзім де, осылай жүгінгенде өтетін рәсімдердің ұзақтығы да көрсетілмеген.
bot-time-every-channel = Кез келген тәсілмен жүгінгенде
bot-time-counted-from = есептеу басы: { $from }
bot-time-path = Осылай жүгінгенде өтетін рәсімдер: { $numbers }.
bot-time-path-missing = Ұзақтығы көрсетілмеген { $count } рәсім қосындыға кірмеді.
bot-time-steps = <b>Регламент рәсімдері</b>
bot-time-step-no-duration = ұзақтығы көрсетілмеген
bot-time-step-channels = тек мына жерге жүгінгенде: { $channels }
bot-time-max-waiting = Құжаттарды тапсыру кезінде кезекте күту: ең көбі { $duration }
bot-time-max-service = Құжаттарды тапсыру кезінде қызмет көрсету: ең көбі { $duration }
bot-time-none = Каталогта бұл қызметтің мерзімдері жоқ.

## If I apply today

bot-ready-choose-channel = Өтінішті қайда бересіз? Таңдаңыз, мен күнін есептеймін.
bot-ready-no-channels = Регламент өтінішті қайда беру керегін атамайды, сондықтан күнін есептеу мүмкін емес.
bot-ready-result = Өтінішті бүгін, { $today }, берсеңіз, нәтиже дайын болатын күн: <b>{ $date }</b>
bot-ready-result-time = Өтінішті бүгін, { $today }, берсеңіз, нәтиже дайын болатын уақыт: <b>{ $date }</b>, шамамен сағат { $time }
bot-ready-none = Өтінішті бүгін, { $today }, берсеңіз, дайын болатын күнін есептеу мүмкін емес.
bot-ready-channel = Қайда бересіз: { $channel }
bot-ready-basis = Қалай есептелді: { $basis }.
bot-ready-assumptions = Болжамдар:
bot-ready-caveat = Есеп күші жойылған регламент бойынша жасалды; қолданыстағы мерзімді көрсетілетін қызметті берушіден нақтылаңыз.
bot-ready-other-channel = 🔁 Басқа тапсыру тәсілі

## Legal status

bot-law-title = <b>Құқықтық мәртебесі</b>
bot-law-regulation = Регламент: { $title }
bot-law-act = Бекіткен акт: { $act }
bot-law-act-other = Акт: { $act }
bot-law-act-line = { $issuer }, «{ $title }»
bot-law-number = № { $number }
bot-law-date = { $date }
bot-law-status = Мәртебесі: { $status }
bot-law-standard = Қызмет стандарты: { $act } ({ $status })
bot-law-standard-unknown = Қызмет стандарты каталогта көрсетілмеген.
bot-law-listed-in = Қызмет мына актілерде аталады:

## Notes

bot-notes-title = <b>Регламентке ескертпелер</b>
bot-notes-none = Регламентке ескертпелер жоқ.

## My applications

bot-apps-title = <b>Менің өтініштерім</b>
bot-apps-empty = Сіз әлі бірде-бір өтінішті бақыламайсыз. Оны қолхат нөмірі мен ЖСН бойынша қосыңыз — мәртебесі өзгергенде жазамын.
bot-apps-item = { $number } — { $service }
bot-apps-item-status = мәртебесі: { $status }
bot-apps-item-expected = дайын болатын күні: { $date }
bot-apps-item-step = қазір { $step }-рәсім жүріп жатыр: { $actor }
bot-apps-item-reason = себебі: { $reason }
bot-apps-item-reason-other-language = себебі (көрсетілетін қызметті беруші оны тек орыс тілінде көрсеткен): { $reason }
bot-apps-add = ➕ Өтініш қосу
bot-apps-remove = ✖️ Жазылудан бас тарту: { $number }
bot-apps-ask-number = Құжаттарды қабылдағаны туралы қолхаттың нөмірін жіберіңіз (ол қолхатта басылған). Тоқтату үшін /cancel деп жазыңыз.
bot-apps-ask-iin = Енді өтініш берушінің ЖСН-ін жіберіңіз — 12 цифр. ЖСН жазылған хабарламаны чаттан бірден өшіремін.
bot-apps-number-invalid = Қолхат нөмірі бос немесе тым ұзын. Оны қолхатта басылғандай етіп жіберіңіз.
bot-apps-iin-invalid = Бұл ЖСН-ге ұқсамайды: онда 12 цифр болуы керек, ал соңғысы — бақылау цифры. Тексеріп, қайта жіберіңіз.
bot-apps-not-found = { $number } нөмірлі және осы ЖСН-мен өтініш табылмады. Қолхат нөмірі мен ЖСН-ді тексеріңіз.
bot-apps-throttled = Әрекеттер тым көп. { $minutes } минуттан кейін қайталап көріңіз.
bot-apps-subscribed = Дайын! { $number } өтінішін бақылаймын. Мәртебесі өзгере салысымен жазамын.
bot-apps-already = Сіз { $number } өтінішін бақылап отырсыз.
bot-apps-unsubscribed = { $number } өтінішін енді бақыламаймын.
bot-apps-cancelled = Тоқтатылды.
bot-apps-nothing-to-cancel = Тоқтататын ештеңе жоқ.
bot-apps-try-again-iin = Дәл қазір жүйе бос емес, өтінішті тексере алмадым. Бірнеше секундтан кейін ЖСН-ді қайта жіберіңіз (ЖСН жазылған хабарламаны өшіріп тастадым).

## Inline mode

bot-inline-open = Ботта ашу
bot-inline-nothing = Ештеңе табылмады
bot-inline-hint = Қандай қызмет керек екенін жазыңыз
bot-inline-card-more = Құжаттар, мекенжайлар мен мерзімдер — ботта: { $link }
bot-inline-card-why = Неліктен және оны қайдан тексеруге болады — ботта: { $link }

## Errors

bot-stale-button = Бұл батырма ескірген. Қайта бастаңыз: /start
bot-error = Бірдеңе дұрыс болмады, жауап бере алмадым. Сәл кейінірек қайталап көріңіз.
bot-try-again = Дәл қазір жүйе бос емес, сұрауыңызды орындай алмадым. Бірнеше секундтан кейін қайталап көріңіз.
bot-unknown-command = Мұндай команданы білмеймін. Командалар тізімі: /help

## One-time subscription links (t.me/<bot>?start=sub_…)

bot-link-subscribed = Дайын! { $number } өтінішін бақылаймын. Мәртебесі өзгере салысымен осы чатқа жазамын.
bot-link-invalid = Бұл сілтеме енді жарамсыз: ол бұрын пайдаланылған немесе мерзімі өтіп кеткен. Жаңа сілтеме сұраңыз немесе өтінішті «Менің өтініштерім» бөлімінде қолхат нөмірі мен ЖСН бойынша қосыңыз.
