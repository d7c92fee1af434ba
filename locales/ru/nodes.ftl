# Errors of node(id:) and nodes(ids:): fetching an object again by its global id.

node-invalid-id = Это не глобальный идентификатор этого API: берите его из поля «id» объекта.
node-application-proof-required = Заявление можно получить только по номеру расписки и ИИН: передайте «number» и «iin» вместе с id (только запросом POST).
node-application-other = Этот номер расписки и ИИН относятся к другому заявлению, а не к этому id.
node-iin-over-get = ИИН не передаётся в URL: отправьте этот запрос методом POST.
node-too-many-ids = В одном запросе не больше { $max } идентификаторов.
