# Application statuses, status-change notifications (rendered at delivery time in the chat's
# language) and the errors of application tracking.

## Status labels (lists, API)

application-status-accepted = Қабылданды
application-status-in_progress = Қаралуда
application-status-result_ready = Нәтиже дайын
application-status-handed_out = Нәтиже берілді
application-status-refused = Уәжді бас тарту
application-status-documents_not_accepted = Құжаттар қабылданбады

## Notification: what happened

notification-header = № { $number } өтініш — { $service }
notification-status-accepted = Өтініш қабылданды, қолхат берілді.
notification-status-in_progress = Өтініш қаралуда: регламенттің { $step }-рәсімі (барлығы { $steps } рәсім) — { $actor }: { $action }.
notification-status-in_progress-unknown-step = Өтініш қаралуда.
notification-status-result_ready-office = Нәтиже дайын.
notification-status-result_ready-portal_cabinet = Нәтиже дайын және «электрондық үкімет» порталындағы (egov.kz) жеке кабинетіңізге жіберілді.
notification-status-handed_out = Нәтиже берілді.
notification-status-refused = Мемлекеттік қызмет көрсетуден уәжді бас тарту туралы шешім шығарылды.
notification-status-documents_not_accepted = Құжаттар қабылданбады.
notification-reason = Себебі: { $reason }
notification-reason-other-language = Себебі (көрсетілетін қызметті беруші оны тек орыс тілінде көрсеткен): { $reason }

## Notification: what to do next

notification-next-accepted = Ештеңе істеудің қажеті жоқ: мәртебе өзгергенде хабарлаймын.
notification-next-in_progress = Ештеңе істеудің қажеті жоқ: нәтиже дайын болғанда хабарлаймын.
notification-next-result_ready-office = Нәтижені төмендегі мекенжайдан алуға болады.
notification-next-result_ready-portal_cabinet = Нәтижені алу үшін egov.kz порталындағы жеке кабинетіңізді ашыңыз.
notification-next-handed_out = Өтініш бойынша жұмыс аяқталды. Рақмет!
notification-next-refused = Егер бас тартумен келіспесеңіз, оған Қазақстан Республикасының заңнамасында белгіленген тәртіппен шағым жасауға болады.
notification-next-documents_not_accepted = Құжаттар тізбесін тексеріп, өтінішті толық құжаттар топтамасымен қайта беріңіз.
notification-expected = Күтілетін дайын болу күні: { $date }

## Notification: where to collect the result

notification-office-address = Мекенжайы: { $address }
notification-office-hours = Жұмыс уақыты: { $hours }
notification-office-phone = Телефоны: { $phone }
notification-office-unknown = Нәтиже берілетін мекенжай маған белгісіз: оны өтініш берген жерден немесе көрсетілетін қызметті берушінің хабарламасынан нақтылаңыз.
notification-venue-example = { $address } (мысал, нақты мекенжай емес)

## Looking up an application by receipt number and IIN

lookup-found = Өтініш табылды.
lookup-invalid_iin = ЖСН 12 цифрдан тұрады, соңғысы — бақылау цифры. Нөмірді тексеріңізші.
lookup-not_found = Мұндай қолхат нөмірі мен ЖСН бойынша өтініш табылмады. Екі нөмірді де тексеріңіз.
lookup-throttled = Сәтсіз әрекеттер тым көп. { $minutes } минуттан кейін қайта көріңіз.
lookup-proof_required = Бұл қолхат нөмірі бойынша сәтсіз әрекеттер тым көп болды. Қосымша алдымен тексерістен (proof of work) өтіп, сұрауды қайталауы керек.

## Errors of registration and status changes (operators and provider systems)

application-error-invalid_iin = ЖСН қате: бақылау цифры дұрыс 12 цифр қажет.
application-error-invalid_number = Қолхат нөмірі 1-ден 64-ке дейінгі латын әріптерінен, цифрлардан және «-», «/», «_», «.» белгілерінен тұруы мүмкін.
application-error-duplicate_number = { $number } қолхат нөмірімен өтініш бұрын тіркелген.
application-error-unknown_regulation = «{ $region }» өңірінде «{ $service }» қызметінің регламенті жоқ.
application-error-unknown_channel = «{ $channel }» арнасы белгісіз.
application-error-channel_not_accepting = Бұл регламент бойынша «{ $channel }» арнасы өтініш қабылдамайды.
application-error-unknown_office = «{ $office }» қызмет көрсету орны каталогта табылмады.
application-error-office_elsewhere = «{ $office }» қызмет көрсету орны бұл өңірде бұл қызметті көрсетпейді.
application-error-naive_moment = Өтініш берілген уақытты сағат белдеуімен көрсетіңіз, мысалы 2026-12-01T10:00:00+05:00.
application-error-not_found = { $number } қолхат нөмірімен өтініш табылмады.
application-error-concurrent_change = Өтініштің мәртебесі жаңа ғана өзгертілді. Деректерді жаңартып, қайталаңыз.
application-error-unknown_status = «{ $status }» мәртебесі белгісіз.
application-error-unknown_delivery = Нәтижені алудың «{ $delivery }» тәсілі белгісіз.
application-error-text_too_long = «{ $field }» өрісінің мәтіні { $max } таңбадан ұзын. Оны қысқартыңыз.

transition-error-final = Өтініштің мәртебесі түпкілікті, ол енді өзгермейді.
transition-error-not_allowed = Бұл мәртебе ағымдағы мәртебеден кейін келе алмайды.
transition-error-same_status = Өтініш қазір осы рәсімде.
transition-error-unknown_step = Регламентте бұл өтініштің берілу арнасы үшін мұндай рәсім жоқ.
transition-error-step_backwards = Рәсімдер тек алға жүреді: бұл рәсім ағымдағысынан бұрын.
transition-error-step_required = «Қаралуда» мәртебесі үшін регламент рәсімін көрсетіңіз.
transition-error-reason_required = Уәжді бас тарту үшін оның себебін көрсетіңіз.
transition-error-not_at_office = Қызмет көрсету орнында өтініш берушіні күтіп тұрған нәтижені ғана беруге болады.
transition-error-unexpected_detail = Бұл мәртебе үшін артық мәлімет берілген (рәсім немесе нәтижені алу тәсілі).
