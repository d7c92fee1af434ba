# Messages of the GraphQL API's typed errors.

api-service-not-found = «{ $id }» қызметі табылмады.
api-region-not-found = «{ $id }» өңірі табылмады.
api-category-not-found = «{ $id }» санаты табылмады.
api-regulation-not-found = «{ $id }» үшін өңірлік регламент жоқ.
api-channel-not-accepting = Бұл регламент бойынша «{ $channel }» арнасы өтініш қабылдамайды.
api-moment-needs-timezone = Өтініш берілген уақытты уақыт белдеуімен көрсетіңіз, мысалы 2026-12-01T10:00:00+05:00.
api-first-out-of-range = «first» 1-ден { $max }-ге дейінгі сан болуы керек.
api-bad-cursor = «after» курсоры жарамсыз: оны алдыңғы беттің endCursor мәнінен алыңыз.
api-access-not_authorized = Жарамды API токені керек: оны «Authorization: Bearer …» тақырыбында жіберіңіз.
api-access-forbidden = Бұл API токенінің рөліне бұл әрекетке рұқсат жоқ.
api-access-out_of_scope = Бұл API токені осы өңірдің немесе осы қызметтің өтініштерін тіркей де, өзгерте де алмайды.
