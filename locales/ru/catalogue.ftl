# Catalogue vocabulary shared by every door (API labels, bot cards, notifications).

duration-minute = { $count } { $count ->
    [one] минута
    [few] минуты
    [many] минут
   *[other] минуты
}
duration-hour = { $count } { $count ->
    [one] час
    [few] часа
    [many] часов
   *[other] часа
}
duration-working_day = { $count } { $count ->
    [one] рабочий день
    [few] рабочих дня
    [many] рабочих дней
   *[other] рабочего дня
}
duration-calendar_day = { $count } { $count ->
    [one] календарный день
    [few] календарных дня
    [many] календарных дней
   *[other] календарного дня
}
duration-day = { $count } { $count ->
    [one] день
    [few] дня
    [many] дней
   *[other] дня
}

channel-provider_office = Канцелярия услугодателя
channel-state_corporation = Госкорпорация «Правительство для граждан»
channel-portal = Портал «электронного правительства» (egov.kz)

form-electronic = электронная
form-electronic_full = электронная (полностью автоматизированная)
form-electronic_partial = электронная (частично автоматизированная)
form-paper = бумажная

act-status-in_force = Действует
act-status-repealed = Утратил силу
act-status-unknown = Нет сведений о действии

cost-free = Бесплатно
cost-paid = Платно
cost-unknown = Нет сведений о стоимости

term-basis-stated = Общий срок, указанный в регламенте
term-basis-steps = Сумма длительностей процедур регламента (общий срок не указан)
term-basis-unstated = Регламент не указывает срок для этого канала, а ссылается на срок, которого у нас нет

assumption-day_counted_as_working_day = В регламенте написано просто «день»; мы считали его рабочим днём (так дата получается позже).
assumption-step_without_duration = У некоторых процедур длительность не указана; они не вошли в расчёт.
assumption-moved_to_next_working_day = Срок истекает в выходной день; результат можно получить в следующий рабочий день.
assumption-no_duration = В регламенте не указаны ни срок, ни длительность процедур: дату рассчитать нельзя.


assumption-conditional_steps_left_out = Процедуры, которые выполняются только в отдельных случаях (например, уведомление об отказе), в расчёт не вошли.
assumption-term_unstated = Для этого канала регламент не даёт срок, а ссылается на срок стандарта, текста которого у нас нет: дату рассчитать нельзя.

## What applies today (the service's `current` record) and the legal history of the acts.
## $act is an act's `citation` (nominative: «приказ … № 158»); $act_by is its `citation_by`
## («постановлением … № 621»). $date is a date; $text a text of the data in the reader's language.

current-title = Что действует сейчас
current-status-in_force = Услуга оказывается сейчас
current-status-abolished = Услуга упразднена: её больше не оказывают
current-status-unknown = Нынешнее состояние услуги неизвестно
# Said first, before anything historical, for an abolished service.
current-abolished-by = Эта услуга упразднена: её правила признаны утратившими силу { $act_by }.
current-act = Действующий акт: { $act }
current-act-appendix = приложение { $appendix }
current-act-edition = Прочитанная редакция: { $edition }
current-act-none = Действующий акт не найден.
current-previous-act = Прежний акт: { $act }

current-fact-name = Название сейчас
current-fact-provider = Кто оказывает
current-fact-channels = Куда обращаться
current-fact-term = Срок
current-fact-cost = Стоимость
current-fact-result = Результат
current-fact-documents = Документы
current-documents-incomplete = Перечень в источнике неполный: это не все документы.
current-fact-source = Источник: { $url }
current-fact-source-as-of = Источник: { $url } (по состоянию на { $date })

confidence-complete = Требования действующего акта прочитаны полностью.
confidence-partial = Прочитано не всё: акт найден, прочитана лишь часть его требований.
confidence-act_only = Найден только сам акт: его требования не прочитаны.
confidence-unconfirmed = Не подтверждено: найден возможный акт, но что эта услуга в нём, не подтверждено.
confidence-none = Ничего действующего не найдено.
current-read = Что прочитано: { $text }
current-not-read = Что не прочитано: { $text }
current-where-to-check = Где проверить: { $text }
current-checked-on = Последняя проверка по источникам: { $date }
# "How long" / "when ready" say which act the term comes from.
term-source-act = Срок взят из акта: { $act }

## Legal history of an act
act-approved-by = Утверждён { $act_by }.
act-standard-approved-by = Стандарт услуги утверждён { $act_by }.
act-approving-unknown = Утвердивший акт неизвестен: в тексте документа его реквизиты не указаны.
act-repealed-by = Утратил силу { $act_by }.
act-lost-force-on = Утратил силу с { $date }.
act-lost-force-unknown-rule = Дата утраты силы неизвестна: { $rule }.
act-lost-force-unknown = Дата утраты силы неизвестна.
# Heading of the historical regulation, after what applies today.
history-heading = Как это было по региональному регламенту { NUMBER($year, useGrouping: 0) } года
history-heading-undated = Как это было по прежнему региональному регламенту
history-note = Это исторические сведения: регламент утратил силу.

## Regulations: what the steps and terms carry
step-conditional = (только в отдельных случаях; в срок не входит)
steps-automated-folded = Автоматические действия информационных систем: { $count }
collection-limit = Допустимое время при получении результата – { $duration }.
term-unstated = Для этого канала регламент срок не указывает ({ $refers_to }); дату готовности рассчитать нельзя.

## Documents and refusal grounds
documents-unknown-short = Точного перечня нет – уточните на портале egov.kz или у услугодателя.
refusal-grounds-unknown = ⚠️ Точного перечня оснований для отказа у нас нет.

office-example-mark = Пример: это не настоящий адрес, а данные для демонстрации.

document-kind-original = оригинал
document-kind-copy = копия
document-kind-original_for_verification = оригинал для сверки, его вернут
document-kind-electronic = электронный документ
document-kind-application = заявление
document-kind-unspecified = в источнике не сказано, оригинал или копия

knowledge-known = Перечень взят из источника
knowledge-unknown = Перечень неизвестен: ни один доступный нам источник его не приводит

result-delivery-office = Результат ждёт в офисе
result-delivery-portal_cabinet = Результат направлен в личный кабинет на портале
