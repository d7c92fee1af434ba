# Application statuses, status-change notifications (rendered at delivery time in the chat's
# language) and the errors of application tracking.

## Status labels (lists, API)

application-status-accepted = Принято
application-status-in_progress = На рассмотрении
application-status-result_ready = Результат готов
application-status-handed_out = Результат выдан
application-status-refused = Мотивированный отказ
application-status-documents_not_accepted = Документы не приняты

## Notification: what happened

notification-header = Заявление № { $number } — { $service }
notification-status-accepted = Заявление принято, расписка выдана.
notification-status-in_progress = Заявление на рассмотрении: процедура { $step } регламента (всего процедур { $steps }) — { $actor }: { $action }.
notification-status-in_progress-unknown-step = Заявление на рассмотрении.
notification-status-result_ready-office = Результат готов.
notification-status-result_ready-portal_cabinet = Результат готов и направлен в ваш личный кабинет на портале «электронного правительства» (egov.kz).
notification-status-handed_out = Результат выдан.
notification-status-refused = Вынесен мотивированный отказ в оказании государственной услуги.
notification-status-documents_not_accepted = Документы не приняты.
notification-reason = Причина: { $reason }
notification-reason-other-language = Причина (услугодатель указал её только на казахском языке): { $reason }

## Notification: what to do next

notification-next-accepted = Ничего делать не нужно: я сообщу, когда статус изменится.
notification-next-in_progress = Ничего делать не нужно: я сообщу, когда результат будет готов.
notification-next-result_ready-office = Получить результат можно по адресу ниже.
notification-next-result_ready-portal_cabinet = Чтобы получить результат, откройте личный кабинет на egov.kz.
notification-next-handed_out = Работа по заявлению завершена. Спасибо!
notification-next-refused = Если вы не согласны с отказом, его можно обжаловать в порядке, установленном законодательством Республики Казахстан.
notification-next-documents_not_accepted = Сверьте перечень документов и подайте заявление снова с полным пакетом документов.
notification-expected = Ожидаемая дата готовности: { $date }

## Notification: where to collect the result

notification-office-address = Адрес: { $address }
notification-office-hours = Часы работы: { $hours }
notification-office-phone = Телефон: { $phone }
notification-office-unknown = Адрес, где выдают результат, мне неизвестен: уточните его там, где вы подавали заявление, или в уведомлении услугодателя.
notification-venue-example = { $address } (пример, не настоящий адрес)

## Looking up an application by receipt number and IIN

lookup-found = Заявление найдено.
lookup-invalid_iin = ИИН должен состоять из 12 цифр, и последняя из них — контрольная. Проверьте, пожалуйста, номер.
lookup-not_found = Заявление с таким номером расписки и ИИН не найдено. Проверьте оба номера.
lookup-throttled = Слишком много неудачных попыток. Попробуйте снова через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
lookup-proof_required = По этому номеру расписки было слишком много неудачных попыток. Приложение должно сначала выполнить проверку (proof of work) и повторить запрос.

## Errors of registration and status changes (operators and provider systems)

application-error-invalid_iin = ИИН неверен: нужно 12 цифр с правильной контрольной цифрой.
application-error-invalid_number = Номер расписки может содержать от 1 до 64 латинских букв, цифр и знаков «-», «/», «_», «.».
application-error-duplicate_number = Заявление с номером расписки { $number } уже зарегистрировано.
application-error-unknown_regulation = Для услуги «{ $service }» в регионе «{ $region }» нет регламента.
application-error-unknown_channel = Неизвестный канал «{ $channel }».
application-error-channel_not_accepting = По этому регламенту канал «{ $channel }» не принимает заявления.
application-error-unknown_office = Пункт обслуживания «{ $office }» не найден в каталоге.
application-error-office_elsewhere = Пункт обслуживания «{ $office }» не оказывает эту услугу в этом регионе.
application-error-naive_moment = Укажите момент подачи с часовым поясом, например 2026-12-01T10:00:00+05:00.
application-error-not_found = Заявление с номером расписки { $number } не найдено.
application-error-concurrent_change = Статус заявления только что изменили. Обновите данные и повторите.
application-error-unknown_status = Неизвестный статус «{ $status }».
application-error-unknown_delivery = Неизвестный способ получения результата «{ $delivery }».
application-error-text_too_long = Текст поля «{ $field }» длиннее { $max } символов. Сократите его.

transition-error-final = Статус заявления окончательный и больше не меняется.
transition-error-not_allowed = Такой статус не может следовать за текущим.
transition-error-same_status = Заявление уже находится на этой процедуре.
transition-error-unknown_step = В регламенте нет такой процедуры для канала подачи этого заявления.
transition-error-step_backwards = Процедуры идут только вперёд: эта процедура раньше текущей.
transition-error-step_required = Для статуса «На рассмотрении» укажите процедуру регламента.
transition-error-reason_required = Для мотивированного отказа укажите его причину.
transition-error-not_at_office = Выдать можно только результат, который ждёт заявителя в пункте обслуживания.
transition-error-unexpected_detail = Для этого статуса лишние сведения (процедура или способ получения результата).
