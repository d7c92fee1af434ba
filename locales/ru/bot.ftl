# The Telegram bot. Labels for channels, durations, forms, act status, costs, term bases and
# assumptions live in catalogue.ftl and are reused from there.

## Language

# The name of this language, written in this language (a language button).
bot-language-self = Русский
bot-language-greeting = Здравствуйте! Я Citizen — помощник по государственным услугам Казахстана. Выберите язык общения:
bot-language-prompt = Выберите язык общения:
bot-language-saved = Готово: теперь я говорю по-русски. Сменить язык можно в любой момент командой /language.

## Start and menu

bot-welcome =
    Я помогу узнать, какие документы нужны для государственной услуги, куда обратиться, сколько это займёт, и сообщу, когда будет готов результат.

    Просто напишите, что вам нужно, например: <i>очередь в детский сад</i>. Или выберите категорию.
bot-menu-search = 🔎 Найти услугу
bot-menu-browse = 📂 Категории услуг
bot-menu-applications = 📋 Мои заявления
bot-menu-language = 🌐 Язык
bot-menu-help = ❓ Помощь
bot-menu-back = ⬅️ Назад

## Commands menu

bot-cmd-start = Начать и главное меню
bot-cmd-services = Категории услуг
bot-cmd-search = Найти услугу
bot-cmd-my = Мои заявления
bot-cmd-language = Сменить язык
bot-cmd-help = Как пользоваться ботом

## Help

bot-help =
    <b>Как пользоваться</b>

    🔎 Напишите своими словами, что вам нужно: «детский сад», «опека», «справка безработного». Опечатки не страшны.
    📂 /services — все услуги по категориям.
    📋 /my — ваши заявления: подпишитесь по номеру расписки и ИИН, и я сообщу, когда изменится статус.
    🌐 /language — казахский или русский.

    В карточке услуги: какие документы взять, куда обратиться, сколько длится и когда будет готово, если подать заявление сегодня.

    В любом чате можно написать <code>@{ $bot } детский сад</code> и отправить карточку услуги собеседнику.

    Карточка начинается с того, что действует сейчас: какой акт применяется, что из него прочитано и где это проверить. Сведения из прежних региональных регламентов (все они утратили силу) показаны ниже как исторические.

## Search

bot-search-prompt = Напишите, какая услуга вам нужна, например: <i>очередь в детский сад</i>.
bot-search-results = { $count ->
    [one] По запросу «{ $query }» нашлась { $count } услуга:
    [few] По запросу «{ $query }» нашлись { $count } услуги:
    [many] По запросу «{ $query }» нашлось { $count } услуг:
   *[other] По запросу «{ $query }» нашлось { $count } услуги:
}
bot-search-corrected = С исправлением опечаток: «{ $query }»
bot-search-none = По запросу «{ $query }» ничего не нашлось. Попробуйте сказать иначе или посмотрите услуги по категориям.
bot-search-empty = Напишите хотя бы одно слово о том, что вам нужно.
bot-search-pick = Выберите номер услуги.
# After the name of an abolished service in a list: it is still found, to learn why it is gone.
bot-list-abolished = ⛔ услуга упразднена
bot-text-only = Я понимаю только текст. Напишите, какая услуга вам нужна.

## Browsing

bot-browse-categories = Выберите категорию:
bot-browse-services = { $count ->
    [one] <b>{ $category }</b>: { $count } услуга.
    [few] <b>{ $category }</b>: { $count } услуги.
    [many] <b>{ $category }</b>: { $count } услуг.
   *[other] <b>{ $category }</b>: { $count } услуги.
}
bot-browse-empty = В этой категории пока нет услуг.

## Region

# Under what applies today: the regional regulations, one per region, are the history.
bot-region-prompt = Прежний порядок оказания услуги каждый регион утверждал своим регламентом. Какой регион вам нужен?
bot-region-change = 📍 Другой регион

## Service card

bot-card-region = 📍 Регион: { $region }
bot-card-provider = 🏛 Услугодатель: { $provider }
bot-card-result = 📄 Результат: { $result }
bot-card-cost = 💳 Стоимость: { $cost }
bot-card-forms = Форма оказания: { $forms }
bot-card-status-line = ⚖️ Регламент: { $status }
bot-card-listed-only = В прежних региональных актах эта услуга только названа: «{ $act }» ({ $status }). Документов, сроков и адресов по ним у нас нет.
bot-card-no-regulation = 📜 Регионального регламента этой услуги в каталоге нет; ниже — прежние общие сведения каталога.
bot-card-unofficial-name = Русское название — наш перевод, официальный текст не найден.
bot-card-part = Часть { $page } из { $pages }

bot-tab-overview = ℹ️ Кратко
bot-tab-today = 🔎 Подробно, с источниками
bot-tab-documents = 📄 Документы
bot-tab-where = 🏢 Куда обращаться
bot-tab-time = ⏱ Сроки
bot-tab-ready = 📅 Когда будет готово?
bot-tab-law = ⚖️ Правовой статус
bot-tab-notes = 📝 Примечания
bot-card-share = 📤 Поделиться
bot-card-track = 🔔 Следить за заявлением

## Documents

bot-docs-title = <b>Какие документы взять</b>
bot-docs-unknown = ⚠️ Точного перечня документов у нас нет.
bot-docs-channels = только при обращении: { $channels }
bot-docs-refusal-title = <b>Основания для отказа</b>
bot-docs-none = Сведений о документах в каталоге нет. Уточните перечень на egov.kz или у услугодателя.


## Where to apply

bot-where-title = <b>Куда обращаться</b>
bot-where-apply = Где подать заявление:
bot-where-results = Где получить результат:
bot-where-offices = Адреса в регионе:
bot-where-no-offices = Адресов отделений в этом регионе у нас нет: уточните ближайшее отделение на egov.kz.
bot-where-hours = Часы работы: { $hours }
bot-where-phone = Телефон: { $phone }
bot-where-map = 🗺 На карте: { $office }

## How long

bot-time-title = <b>Сколько это займёт</b>
# Per way of applying: the total (a stated term, or the steps added up), then its basis.
bot-time-channel = <b>{ $channel }</b>: { $duration }
bot-time-channel-unknown = <b>{ $channel }</b>: срок назвать нельзя — регламент не указывает ни общего срока, ни длительности процедур при таком обращении.
bot-time-every-channel = При любом способе обращения
bot-time-counted-from = отсчитывается: { $from }
bot-time-path = Процедуры при таком обращении: { $numbers }.
bot-time-path-missing = { $count ->
    [one] { $count } процедура без указанной длительности в сумму не вошла.
    [few] { $count } процедуры без указанной длительности в сумму не вошли.
   *[other] { $count } процедур без указанной длительности в сумму не вошли.
}
bot-time-steps = <b>Процедуры регламента</b>
bot-time-step-no-duration = длительность не указана
bot-time-step-channels = только при обращении: { $channels }
bot-time-max-waiting = Ожидание в очереди при сдаче документов: не более { $duration }
bot-time-max-service = Обслуживание при сдаче документов: не более { $duration }
bot-time-none = Сроков этой услуги в каталоге нет.

## If I apply today

bot-ready-choose-channel = Куда вы подадите заявление? Выберите, и я посчитаю дату.
bot-ready-no-channels = Регламент не называет, куда подавать заявление, поэтому дату посчитать нельзя.
bot-ready-result = Если подать заявление сегодня, { $today }, результат ожидается: <b>{ $date }</b>
bot-ready-result-time = Если подать заявление сегодня, { $today }, результат ожидается: <b>{ $date }</b>, около { $time }
bot-ready-none = Если подать заявление сегодня, { $today }, дату готовности посчитать нельзя.
bot-ready-channel = Куда подаёте: { $channel }
bot-ready-basis = Как посчитано: { $basis }.
bot-ready-assumptions = Допущения:
bot-ready-caveat = Расчёт по регламенту, который утратил силу; действующий срок уточняйте у услугодателя.
bot-ready-other-channel = 🔁 Другой способ подачи

## Legal status

bot-law-title = <b>Правовой статус</b>
bot-law-regulation = Регламент: { $title }
bot-law-act = Утверждён: { $act }
bot-law-act-other = Акт: { $act }
bot-law-act-line = { $issuer }, «{ $title }»
bot-law-number = № { $number }
bot-law-date = от { $date }
bot-law-status = Статус: { $status }
bot-law-standard = Стандарт услуги: { $act } ({ $status })
bot-law-standard-unknown = Стандарт услуги в каталоге не указан.
bot-law-listed-in = Услуга упомянута в актах:

## Notes

bot-notes-title = <b>Примечания к регламенту</b>
bot-notes-none = Примечаний к регламенту нет.

## My applications

bot-apps-title = <b>Мои заявления</b>
bot-apps-empty = Вы ещё не следите ни за одним заявлением. Добавьте его по номеру расписки и ИИН — я напишу, когда изменится статус.
bot-apps-item = { $number } — { $service }
bot-apps-item-status = статус: { $status }
bot-apps-item-expected = ожидаемая дата готовности: { $date }
bot-apps-item-step = сейчас идёт процедура { $step }: { $actor }
bot-apps-item-reason = причина: { $reason }
bot-apps-item-reason-other-language = причина (услугодатель указал её только на казахском языке): { $reason }
bot-apps-add = ➕ Добавить заявление
bot-apps-remove = ✖️ Отписаться: { $number }
bot-apps-ask-number = Пришлите номер расписки о приёме документов (он напечатан в расписке). Чтобы отменить, напишите /cancel.
bot-apps-ask-iin = Теперь пришлите ИИН заявителя — 12 цифр. Сообщение с ИИН я сразу удалю из чата.
bot-apps-number-invalid = Номер расписки пустой или слишком длинный. Пришлите его так, как он напечатан в расписке.
bot-apps-iin-invalid = Это не похоже на ИИН: в нём должно быть 12 цифр, а последняя — контрольная. Проверьте и пришлите ещё раз.
bot-apps-not-found = Заявление с номером { $number } и этим ИИН не найдено. Проверьте номер расписки и ИИН.
bot-apps-throttled = Слишком много попыток. Попробуйте снова через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
bot-apps-subscribed = Готово! Слежу за заявлением { $number }. Напишу, как только изменится статус.
bot-apps-already = Вы уже следите за заявлением { $number }.
bot-apps-unsubscribed = Больше не слежу за заявлением { $number }.
bot-apps-cancelled = Отменено.
bot-apps-nothing-to-cancel = Отменять нечего.
bot-apps-try-again-iin = Сейчас система занята, и я не смог проверить заявление. Пришлите ИИН ещё раз через несколько секунд (сообщение с ИИН я уже удалил).

## Inline mode

bot-inline-open = Открыть в боте
bot-inline-nothing = Ничего не нашлось
bot-inline-hint = Напишите, какая услуга нужна
bot-inline-card-more = Документы, адреса и сроки — в боте: { $link }
bot-inline-card-why = Почему и где это проверить — в боте: { $link }

## Errors

bot-stale-button = Эта кнопка устарела. Начните заново: /start
bot-error = Что-то пошло не так, и я не смог ответить. Попробуйте ещё раз чуть позже.
bot-try-again = Сейчас система занята, и я не смог выполнить запрос. Попробуйте ещё раз через несколько секунд.
bot-unknown-command = Такой команды я не знаю. Список команд: /help

## One-time subscription links (t.me/<bot>?start=sub_…)

bot-link-subscribed = Готово! Слежу за заявлением { $number }. Напишу в этот чат, как только изменится статус.
bot-link-invalid = Эта ссылка больше не действует: ею уже воспользовались или истёк её срок. Попросите новую ссылку или добавьте заявление в разделе «Мои заявления» по номеру расписки и ИИН.
