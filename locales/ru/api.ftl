# Messages of the GraphQL API's typed errors.

api-service-not-found = Услуга «{ $id }» не найдена.
api-region-not-found = Регион «{ $id }» не найден.
api-category-not-found = Категория «{ $id }» не найдена.
api-regulation-not-found = Для «{ $id }» нет регионального регламента.
api-channel-not-accepting = По этому регламенту канал «{ $channel }» не принимает заявления.
api-moment-needs-timezone = Укажите момент подачи с часовым поясом, например 2026-12-01T10:00:00+05:00.
api-first-out-of-range = «first» должно быть числом от 1 до { $max }.
api-bad-cursor = Курсор «after» недействителен: берите его из endCursor предыдущей страницы.
api-access-not_authorized = Нужен действующий API-токен: передайте его в заголовке «Authorization: Bearer …».
api-access-forbidden = Роли этого API-токена это действие не разрешено.
api-access-out_of_scope = Этот API-токен не может регистрировать и изменять заявления этого региона или этой услуги.
