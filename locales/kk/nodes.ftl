# Errors of node(id:) and nodes(ids:): fetching an object again by its global id.

node-invalid-id = Бұл идентификатор осы API-дің жаһандық идентификаторы емес: оны нысанның «id» өрісінен алыңыз.
node-application-proof-required = Өтінішті тек қолхат нөмірі мен ЖСН арқылы ғана оқуға болады: id-мен бірге «number» және «iin» жіберіңіз (тек POST сұранысымен).
node-application-other = Бұл қолхат нөмірі мен ЖСН басқа өтінішке тиесілі, бұл id-ге емес.
node-iin-over-get = ЖСН URL мекенжайында жіберілмейді: бұл сұранысты POST арқылы жіберіңіз.
node-too-many-ids = Бір сұраныста ең көбі { $max } идентификатор болады.
