/**
 * @generated SignedSource<<7c98c7a1b7a8f197115ab5289cec5871>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type ServiceListQuery$variables = Record<PropertyKey, never>;
export type ServiceListQuery$data = {
  readonly " $fragmentSpreads": FragmentRefs<"ServiceList_query">;
};
export type ServiceListQuery = {
  response: ServiceListQuery$data;
  variables: ServiceListQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 10
  }
],
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "ServiceListQuery",
    "selections": [
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "ServiceList_query"
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "ServiceListQuery",
    "selections": [
      {
        "alias": null,
        "args": (v0/*:: as any*/),
        "concreteType": "ServiceConnection",
        "kind": "LinkedField",
        "name": "services",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "totalCount",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "problem",
            "plural": false,
            "selections": [
              (v1/*:: as any*/),
              {
                "kind": "InlineFragment",
                "selections": [
                  (v2/*:: as any*/)
                ],
                "type": "NotFound",
                "abstractKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "ServiceEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              {
                "alias": null,
                "args": null,
                "concreteType": "Service",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": [
                  (v2/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "catalogueId",
                    "storageKey": null
                  },
                  {
                    "alias": "kk",
                    "args": [
                      {
                        "kind": "Literal",
                        "name": "locale",
                        "value": "KK"
                      }
                    ],
                    "kind": "ScalarField",
                    "name": "name",
                    "storageKey": "name(locale:\"KK\")"
                  },
                  {
                    "alias": "ru",
                    "args": [
                      {
                        "kind": "Literal",
                        "name": "locale",
                        "value": "RU"
                      }
                    ],
                    "kind": "ScalarField",
                    "name": "name",
                    "storageKey": "name(locale:\"RU\")"
                  },
                  (v1/*:: as any*/)
                ],
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "cursor",
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "PageInfo",
            "kind": "LinkedField",
            "name": "pageInfo",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "endCursor",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "hasNextPage",
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": "services(first:10)"
      },
      {
        "alias": null,
        "args": (v0/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "ServiceList_services",
        "kind": "LinkedHandle",
        "name": "services"
      }
    ]
  },
  "params": {
    "cacheID": "f52cb9a3d508a6c61813a07084645f3b",
    "id": null,
    "metadata": {},
    "name": "ServiceListQuery",
    "operationKind": "query",
    "text": "query ServiceListQuery {\n  ...ServiceList_query\n}\n\nfragment ServiceList_query on Query {\n  services(first: 10) {\n    totalCount\n    problem {\n      __typename\n      ... on NotFound {\n        id\n      }\n    }\n    edges {\n      node {\n        ...ServiceList_service\n        id\n        __typename\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment ServiceList_service on Service {\n  id\n  catalogueId\n  kk: name(locale: KK)\n  ru: name(locale: RU)\n}\n"
  }
};
})();

(node as any).hash = "b288c7787dda901d923e4711899f1725";

export default node;
