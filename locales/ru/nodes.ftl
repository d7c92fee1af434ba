# Errors of node(id:) and nodes(ids:): fetching an object again by its global id.

node-invalid-id = Это не глобальный идентификатор этого API: берите его из поля «id» объекта.
node-application-proof-required = Заявление не выдаётся по id: запросите его по номеру расписки и ИИН полем application(number:, iin:) в запросе POST — оно вернёт заявление с этим же id.
node-too-many-ids = В одном запросе не больше { $max } идентификаторов.
