# The operator console (/operator/): pages for call-centre operators.

console-name = Citizen — пульт оператора
console-skip-to-content = Перейти к содержимому
console-nav-label = Разделы пульта
console-nav-search = Найти услугу
console-nav-applications = Гражданин на линии
console-language-switch = Русский интерфейс
console-language-name = Русский
console-signed-in-as = Оператор: { $name }
console-sign-in = Войти
console-sign-out = Выйти
console-signed-out = Вы вышли из пульта.
console-back-to-search = К поиску услуг
console-yes = да
console-no = нет
console-show = Показать
console-print = Печать

console-shortcuts-title = Клавиши
console-shortcut-search = поиск
console-shortcut-language = язык интерфейса
console-shortcut-applications = гражданин на линии
console-shortcut-regions = различия по регионам
console-shortcut-calculator = калькулятор даты
console-shortcut-print = печать
console-shortcuts-accesskey = Клавиши действуют, когда курсор не в поле ввода. Без JavaScript те же буквы (для поиска — S) работают с клавишей доступа браузера (например, Alt+Shift+буква).

## Errors

console-error-title = Не получилось
console-error-csrf = Форма устарела или отправлена не из пульта, поэтому не принята. Обновите страницу и отправьте её ещё раз.
console-error-form-kind = Форма пришла в неожиданном виде. Обновите страницу и отправьте её ещё раз.
console-error-form-too-large = Форма слишком большая. Сократите текст и отправьте её ещё раз.
console-error-busy = База данных сейчас занята. Попробуйте ещё раз через несколько секунд.
console-error-internal = Внутренняя ошибка. Сообщите администратору номер запроса: { $id }.
console-error-no-service = Такой услуги нет в каталоге. Найдите её через поиск.
console-error-no-application = Заявление больше не найдено.

## Signing in

console-sign-in-title = Вход для оператора
console-sign-in-intro = Войдите с токеном оператора. Его выдаёт администратор командой «citizen tokens create ИМЯ --role operator».
console-sign-in-token = Токен оператора
console-sign-in-token-hint = Начинается с «ctz_». Токен не сохраняется в браузере: пульт запоминает только, кто вошёл.
console-sign-in-wrong = Токен не подошёл: он неверен, отозван или введён не полностью. Проверьте токен и попробуйте ещё раз.
console-sign-in-not-operator = Это токен информационной системы услугодателя, а не оператора. В пульт входят только с токеном оператора (роль operator).

## Finding a service

console-search-title = Найти услугу
console-search-title-for = Поиск: { $query }
console-search-label = Название услуги или слова гражданина
console-search-hint = Можно по-казахски, по-русски или латиницей, с опечатками: «балабакша», «очередь в садик».
console-search-button = Искать
console-filter-region = Регион
console-filter-any-region = Все регионы
console-filter-category = Раздел
console-filter-any-category = Все разделы
console-search-results = Услуги
console-search-count = { $count ->
    [one] Найдена { $count } услуга
    [few] Найдено { $count } услуги
   *[other] Найдено { $count } услуг
}
console-search-nothing = По запросу «{ $query }» в каталоге ничего не подходит.
console-search-none-with-filters = В этом регионе и разделе в каталоге нет услуг.
console-search-where-else = Полный перечень государственных услуг — на портале
console-col-category = Раздел
console-col-regions = Регионы
console-listed-only-short = известно только название
console-no-regulation-short = регионального регламента нет
# Beside the name of an abolished service in the search results.
console-search-abolished = услуга упразднена
console-listed-only = Об этой услуге в каталоге известно только название: регламента в наших источниках нет. Подробности уточните на портале egov.kz.
# A service with a record of what applies today, but no regional regulation.
console-no-regulation = Регионального регламента этой услуги в наших источниках нет; что действует сейчас, сказано выше.

## The service page

console-service-id = Код услуги
console-region = Регион
console-region-choose = Регион регламента
console-regions-link = Различия по регионам
console-calc-link = Калькулятор даты готовности
console-section-provider = Кто оказывает услугу
console-result = Результат
console-result-forms = Форма результата
console-section-documents = Документы
console-all-channels = Для всех способов обращения
console-documents-none-on-channel = Для этого способа обращения источник документов не перечисляет; что о перечне известно — ниже.
console-documents-none = Сведений о документах нет.
console-section-where = Куда обращаться
console-channel = Способ обращения
console-accepts-applications = Принимает заявления
console-issues-results = Выдаёт результат
console-offices = Офисы
console-offices-none = Адресов офисов для этой услуги в этом регионе в каталоге нет.
console-office-channel = Где
console-office-address = Адрес
console-office-hours = Часы работы
console-office-phone = Телефон
console-office-map = Открыть на карте (OpenStreetMap)
console-section-how-long = Сколько ждать
console-counted-from = Отсчёт срока
console-steps-without-duration = { $count ->
    [one] У { $count } процедуры длительность не указана; она не вошла в сумму.
   *[other] У { $count } процедур длительность не указана; они не вошли в сумму.
}
console-term-unknown = Регламент не называет ни срока, ни длительности процедур.
console-steps-on-channel = { $count ->
    [one] { $count } процедура при этом способе обращения
    [few] { $count } процедуры при этом способе обращения
   *[other] { $count } процедур при этом способе обращения
}
console-step-no-duration = длительность не указана
console-max-waiting = Максимальное время ожидания в очереди: { $duration }.
console-max-service = Максимальное время обслуживания: { $duration }.
console-section-cost = Стоимость
console-section-refusal = Основания для отказа
console-refusal-none = Сведений об основаниях для отказа нет.
console-section-legal = Правовое основание
console-legal-regulation = Регламент
console-legal-standard = Стандарт услуги
console-act-of = от { $date }
console-act-registry = рег. № { $number }
console-appendix = Приложение { $appendix }
console-amendments = { $count ->
    [one] { $count } изменение
    [few] { $count } изменения
   *[other] { $count } изменений
}
console-standard-ref = Пункт стандарта: { $ref }
console-regulation-source = Источник текста регламента
console-act-source = Источник сведений об акте
console-name-source = Откуда название услуги
console-source = Источник
console-source-seed = исходный документ { $seed }
console-source-edition = редакция: { $edition }
console-section-notes = Примечания к регламенту
console-section-bot = Отправить гражданина в бот
console-bot-say = Продиктуйте или отправьте эту ссылку: бот откроет карточку этой услуги.
console-bot-not-configured = Ссылка на бот не настроена: администратор задаёт имя бота в настройке CITIZEN_TELEGRAM_BOT_USERNAME.

## Regional differences

console-regions-title = Различия по регионам: { $service }
console-regions-legend = — значение отличается от других регионов.
console-row-channels = Способы обращения
console-row-step_count = Число процедур
console-row-steps = Процедуры и их длительность
console-row-term = Срок: { $channel }
console-row-act = Регламент утверждён
console-row-varies = различается
console-differs = отличается
console-role-both = заявления и результат
console-role-accepts = только заявления
console-role-issues = только результат
console-channel-not-here = этим способом не обращаются

## The date calculator

console-calc-title = Калькулятор даты готовности
console-calc-abolished = Дату готовности не рассчитываем: услуга упразднена, и заявления на её получение больше не принимаются. Прежний регламент остаётся на странице услуги как историческая справка.
console-calc-date = Дата подачи
console-calc-time = Время подачи
console-calc-time-hint = По времени Казахстана (UTC+5).
console-calc-answer-language = Язык ответа
console-calc-button = Рассчитать
console-calc-error-moment = Укажите дату и время подачи полностью, например 30.12.2026 и 10:00.
console-calc-error-channel = Этим способом заявления по этой услуге в этом регионе не принимают. Выберите другой способ.
console-calc-answer-title = Ответ для гражданина
console-calc-submitted = Заявление подано: { $date }, { $time } ({ $channel }).
console-calc-ready = Результат будет готов { $date }, { $weekday }.
console-calc-term = Срок — { $term }.
console-calc-days-off = { $count ->
    [one] Пропущен { $count } выходной день:
    [few] Пропущено { $count } выходных дня:
   *[other] Пропущено { $count } выходных дней:
}
console-calc-day-off = выходной день
console-calc-no-days-off = Выходных дней в этом промежутке нет.
console-calc-assumptions = Что мы предположили

console-holiday-substituted = Выходной день, перенесённый с { $date }
console-holiday-observed = { $name } (перенесённый выходной)
console-holiday-estimated = { $name } (дата предварительная)
console-holiday-new-years-day = Новый год
console-holiday-orthodox-christmas = Православное Рождество
console-holiday-international-womens-day = Международный женский день
console-holiday-nowruz-holiday = Наурыз мейрамы
console-holiday-kazakhstans-people-solidarity-holiday = Праздник единства народа Казахстана
console-holiday-defender-of-the-fatherland-day = День защитника Отечества
console-holiday-victory-day = День Победы
console-holiday-capital-day = День Столицы
console-holiday-constitution-day = День Конституции Республики Казахстан
console-holiday-eid-al-adha = Курбан айт
console-holiday-first-president-day = День Первого Президента Республики Казахстан
console-holiday-independence-day = День Независимости
console-holiday-republic-day = День Республики
console-holiday-republic-day-of-kazakhstan = День Республики Казахстан

## The citizen on the phone

console-lookup-title = Гражданин на линии
console-lookup-intro = Найдите заявление по номеру расписки и ИИН, которые назовёт гражданин. Каждый поиск записывается в журнал: кто, когда, какое заявление и зачем. ИИН не сохраняется и не показывается.
console-lookup-number = Номер расписки
console-lookup-iin = ИИН гражданина
console-lookup-iin-hint = 12 цифр. Поле очищается после каждого поиска.
console-lookup-reason = Причина обращения
console-lookup-reason-hint = Например: «гражданин звонит узнать срок». Не короче 5 символов; попадает в журнал.
console-lookup-button = Найти заявление
console-lookup-need-number = Укажите номер расписки.
console-lookup-need-reason = Укажите причину обращения (не короче 5 символов): без неё заявление не открывают.
console-lookup-too-many = Вы сделали слишком много поисков за короткое время. Попробуйте снова через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
}.
console-lookup-proof-expired = Чтобы открыть заявление, найдите его ещё раз по номеру расписки и ИИН гражданина.

## The application page

console-app-title = Заявление { $number }
console-app-another = Найти другое заявление
console-app-looked-up-because = Причина обращения: { $reason }
console-app-summary = Коротко
console-app-service = Услуга
console-app-submitted = Подано
console-app-status = Статус
console-app-current-step = Текущая процедура
console-app-step-line = Процедура { $number }: { $actor }
console-app-step-unknown = Процедура { $number } (её больше нет в каталоге)
console-app-expected = Ожидаемая дата готовности
console-app-expected-unknown = не рассчитана: регламент не даёт срока
console-app-office = Где получить результат
console-app-office-gone = Офиса «{ $office }» больше нет в каталоге.
console-app-office-none = Офис выдачи не указан.
console-app-path = Процедуры при этом способе обращения
console-app-here = Сейчас здесь:
console-app-timeline = История статусов
console-app-when = Когда
console-app-details = Подробности
console-app-by = Кто изменил
console-app-reason = Причина: { $reason }
console-app-reason-other-language = (услугодатель указал причину только на другом языке)
console-app-notifications = Уведомления в Telegram
console-app-chats = { $count ->
    [0] За этим заявлением не следит ни один чат.
    [one] За этим заявлением следит { $count } чат.
    [few] За этим заявлением следят { $count } чата.
   *[other] За этим заявлением следят { $count } чатов.
}
console-app-latest-states = Сообщения о последнем статусе:
console-app-resend = Отправить уведомление ещё раз
console-app-resent = Поставлено в очередь: { $queued }; уже ждут отправки: { $waiting }; чаты, заблокировавшие бот: { $blocked }.

console-delivery-created = ждёт отправки
console-delivery-sending = отправляется
console-delivery-delivered = доставлено
console-delivery-temporary_failure = временная ошибка, будет повтор
console-delivery-permanent_failure = не доставлено (чат недоступен)
console-delivery-technical_failure = не доставлено (технический сбой)
