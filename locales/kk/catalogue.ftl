# Catalogue vocabulary shared by every door (API labels, bot cards, notifications).

duration-minute = { $count } минут
duration-hour = { $count } сағат
duration-working_day = { $count } жұмыс күні
duration-calendar_day = { $count } күнтізбелік күн
duration-day = { $count } күн

channel-provider_office = Көрсетілетін қызметті берушінің кеңсесі
channel-state_corporation = «Азаматтарға арналған үкімет» мемлекеттік корпорациясы
channel-portal = «Электрондық үкімет» порталы (egov.kz)

form-electronic = электрондық
form-electronic_full = электрондық (толық автоматтандырылған)
form-electronic_partial = электрондық (ішінара автоматтандырылған)
form-paper = қағаз түрінде

act-status-in_force = Қолданыстағы
act-status-repealed = Күшін жойған
act-status-unknown = Күші туралы мәлімет жоқ

cost-free = Тегін
cost-paid = Ақылы
cost-unknown = Құны туралы мәлімет жоқ

term-basis-stated = Регламентте көрсетілген жалпы мерзім
term-basis-steps = Регламенттегі рәсімдер ұзақтығының қосындысы (жалпы мерзім көрсетілмеген)
term-basis-unstated = Регламент бұл арна үшін мерзімді көрсетпейді, бізде жоқ мерзімге сілтеме жасайды

assumption-day_counted_as_working_day = Регламентте «күн» деп қана жазылған; біз оны жұмыс күні деп есептедік (осылай күн кешірек шығады).
assumption-step_without_duration = Кейбір рәсімдердің ұзақтығы көрсетілмеген; олар есепке кірмеді.
assumption-moved_to_next_working_day = Мерзім демалыс күні аяқталады; нәтижені келесі жұмыс күні алуға болады.
assumption-no_duration = Регламентте мерзім де, рәсімдердің ұзақтығы да көрсетілмеген: күнді есептеу мүмкін емес.


assumption-conditional_steps_left_out = Тек кейбір жағдайда орындалатын рәсімдер (мысалы, бас тарту туралы хабарлама) есепке кірмеді.
assumption-term_unstated = Бұл арна үшін регламент мерзімді көрсетпейді, мәтіні бізде жоқ стандарттың мерзіміне сілтеме жасайды: күнді есептеу мүмкін емес.

## What applies today (the service's `current` record) and the legal history of the acts.
## $act is an act's `citation` (nominative: «… № 158 бұйрығы»); $act_by is its `citation_by`
## («… № 621 қаулысымен»). $date is a date; $text a text of the data in the reader's language.

current-title = Қазір не қолданылады
current-status-in_force = Қызмет қазір көрсетіледі
current-status-abolished = Қызмет жойылған: ол енді көрсетілмейді
current-status-unknown = Қызметтің қазіргі жағдайы белгісіз
# Said first, before anything historical, for an abolished service.
current-abolished-by = Бұл қызмет жойылды: оның қағидалары { $act_by } күші жойылды деп танылды.
current-act = Қолданыстағы акт: { $act }
current-act-appendix = { $appendix }-қосымша
current-act-edition = Оқылған редакциясы: { $edition }
current-act-none = Қолданыстағы акт табылмады.
current-previous-act = Бұрын қолданылған акт: { $act }

current-fact-name = Қазіргі атауы
current-fact-provider = Кім көрсетеді
current-fact-channels = Қайда жүгіну керек
current-fact-term = Мерзімі
current-fact-cost = Құны
current-fact-result = Нәтижесі
current-fact-documents = Құжаттар
current-documents-incomplete = Дереккөздегі тізбе толық емес: бұл барлық құжаттар емес.
current-fact-source = Дереккөз: { $url }
current-fact-source-as-of = Дереккөз: { $url } (мәлімет күні: { $date })

confidence-complete = Қолданыстағы актінің талаптары толық оқылды.
confidence-partial = Бәрі оқылмады: акт табылды, оның талаптарының бір бөлігі ғана оқылды.
confidence-act_only = Тек актінің өзі табылды: оның талаптары оқылмады.
confidence-unconfirmed = Расталмаған: ықтимал акт табылды, бірақ бұл қызметтің сонда екені расталмаған.
confidence-none = Қазір қолданылатын ештеңе табылмады.
current-read = Не оқылды: { $text }
current-not-read = Не оқылмады: { $text }
current-where-to-check = Қайдан тексеруге болады: { $text }
current-checked-on = Дереккөздер бойынша соңғы тексеру: { $date }
# "How long" / "when ready" say which act the term comes from.
term-source-act = Мерзім мына актіден алынды: { $act }

## Legal history of an act
act-approved-by = { $act_by } бекітілген.
act-standard-approved-by = Қызмет стандарты { $act_by } бекітілген.
act-approving-unknown = Бекіткен акт белгісіз: құжат мәтінінде деректемелері көрсетілмеген.
act-repealed-by = { $act_by } күші жойылды.
act-lost-force-on = Күші жойылған күні: { $date }.
act-lost-force-unknown-rule = Күші жойылған күні белгісіз: { $rule }.
act-lost-force-unknown = Күші жойылған күні белгісіз.
# Heading of the historical regulation, after what applies today.
history-heading = { NUMBER($year, useGrouping: 0) } жылғы өңірлік регламент бойынша бұрынғы тәртіп
history-heading-undated = Бұрынғы өңірлік регламент бойынша бұрынғы тәртіп
history-note = Бұл – тарихи мәлімет: регламенттің күші жойылған.

## Regulations: what the steps and terms carry
step-conditional = (тек кейбір жағдайда; мерзімге кірмейді)
steps-automated-folded = Ақпараттық жүйелердің автоматты әрекеттері: { $count }
collection-limit = Нәтижені алған кезде рұқсат етілетін уақыт – { $duration }.
term-unstated = Бұл арна үшін регламент мерзімді көрсетпейді ({ $refers_to }); дайын болатын күнді есептеу мүмкін емес.

## Documents and refusal grounds
documents-unknown-short = Нақты тізбе жоқ – egov.kz порталынан немесе көрсетілетін қызметті берушіден нақтылаңыз.
refusal-grounds-unknown = ⚠️ Бас тарту негіздерінің нақты тізбесі бізде жоқ.

office-example-mark = Мысал: бұл нақты мекенжай емес, көрсету үшін берілген деректер.

document-kind-original = түпнұсқа
document-kind-copy = көшірме
document-kind-original_for_verification = салыстыру үшін түпнұсқа, ол қайтарылады
document-kind-electronic = электрондық құжат
document-kind-application = өтініш
document-kind-unspecified = дереккөзде түпнұсқа ма, көшірме ме — айтылмаған

knowledge-known = Тізбе дереккөзден алынған
knowledge-unknown = Тізбе белгісіз: оны беретін дереккөз бізде жоқ

result-delivery-office = Нәтиже кеңседе күтіп тұр
result-delivery-portal_cabinet = Нәтиже порталдағы жеке кабинетке жіберілді
