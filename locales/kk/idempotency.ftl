# Idempotency keys of registrations and status changes (provider systems and operators).

application-error-invalid_idempotency_key = Идемпотенттілік кілті бос орынсыз 1–200 басылатын ASCII таңбадан (латын әріптері, цифрлар, белгілер) тұруы керек.
idempotency-key-reused = «{ $key }» идемпотенттілік кілті сұраныстың басқа деректерімен бұрын пайдаланылған. Жаңа сұраныс үшін жаңа кілт алыңыз, ал бұрынғы сұранысты қайталағанда сол деректерді жіберіңіз.
