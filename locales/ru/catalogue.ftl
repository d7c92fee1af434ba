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

assumption-day_counted_as_working_day = В регламенте написано просто «день»; мы считали его рабочим днём (более поздняя дата).
assumption-step_without_duration = У некоторых процедур длительность не указана; они не вошли в расчёт.
assumption-moved_to_next_working_day = Срок истекает в выходной день; результат можно получить в следующий рабочий день.
assumption-no_duration = В регламенте не указаны ни срок, ни длительность процедур: дату рассчитать нельзя.

office-example-mark = Пример: это не настоящий адрес, а данные для демонстрации.
