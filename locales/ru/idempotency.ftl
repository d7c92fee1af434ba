# Idempotency keys of registrations and status changes (provider systems and operators).

application-error-invalid_idempotency_key = Ключ идемпотентности должен состоять из 1–200 печатных символов ASCII (латинские буквы, цифры, знаки) без пробелов.
idempotency-key-reused = Ключ идемпотентности «{ $key }» уже использован с другими данными запроса. Для нового запроса возьмите новый ключ, а повторяя прежний запрос, отправляйте те же данные.
