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
term-basis-steps = Регламенттің рәсімдерінің ұзақтығының қосындысы (жалпы мерзім көрсетілмеген)

assumption-day_counted_as_working_day = Регламентте «күн» деп қана жазылған; біз оны жұмыс күні деп есептедік (кейінірек күн).
assumption-step_without_duration = Кейбір рәсімдердің ұзақтығы көрсетілмеген; олар есепке кірмеді.
assumption-moved_to_next_working_day = Мерзім демалыс күні аяқталады; нәтижені келесі жұмыс күні алуға болады.
assumption-no_duration = Регламентте мерзім де, рәсімдердің ұзақтығы да көрсетілмеген: күнді есептеу мүмкін емес.

office-example-mark = Мысал: бұл нақты мекенжай емес, көрсету үшін берілген деректер.
