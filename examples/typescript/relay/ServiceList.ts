// The Relay compiler's check of schema.graphql (`npm run relay:validate`, run by the tests):
// the service list paginated with `@connection`, and a service refetchable by `node(id:)`.
// A Relay app imports `graphql` from react-relay; here only relay-compiler reads this file,
// and its artifacts in __generated__/ are kept to show (and check) what it made of them.
declare function graphql(document: TemplateStringsArray): unknown;

export const list = graphql`
  fragment ServiceList_query on Query
  @refetchable(queryName: "ServiceListPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    services(first: $count, after: $cursor) @connection(key: "ServiceList_services") {
      totalCount
      problem {
        __typename
      }
      edges {
        node {
          ...ServiceList_service
        }
      }
    }
  }
`;

export const service = graphql`
  fragment ServiceList_service on Service
  @refetchable(queryName: "ServiceListServiceRefetchQuery") {
    id
    catalogueId
    kk: name(locale: KK)
    ru: name(locale: RU)
  }
`;

export const page = graphql`
  query ServiceListQuery {
    ...ServiceList_query
  }
`;
