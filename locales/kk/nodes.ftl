# Errors of node(id:) and nodes(ids:): fetching an object again by its global id.

node-invalid-id = Бұл идентификатор осы API-дің жаһандық идентификаторы емес: оны нысанның «id» өрісінен алыңыз.
node-application-proof-required = Өтініш id бойынша берілмейді: оны қолхат нөмірі мен ЖСН бойынша application(number:, iin:) өрісімен POST сұранысы арқылы сұраңыз — ол өтінішті дәл осы id-мен қайтарады.
node-too-many-ids = Бір сұраныста ең көбі { $max } идентификатор болады.
