/**
 * @generated SignedSource<<f21ddbcc3309f7b06ce9cfdf0638b96b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type ServiceListServiceRefetchQuery$variables = {
  id: string;
};
export type ServiceListServiceRefetchQuery$data = {
  readonly node: {
    readonly " $fragmentSpreads": FragmentRefs<"ServiceList_service">;
  } | null | undefined;
};
export type ServiceListServiceRefetchQuery = {
  response: ServiceListServiceRefetchQuery$data;
  variables: ServiceListServiceRefetchQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "id"
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "ServiceListServiceRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "ServiceList_service"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "ServiceListServiceRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "__typename",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "id",
            "storageKey": null
          },
          {
            "kind": "InlineFragment",
            "selections": [
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
              }
            ],
            "type": "Service",
            "abstractKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "952896b919cc1020b4779af9022165d3",
    "id": null,
    "metadata": {},
    "name": "ServiceListServiceRefetchQuery",
    "operationKind": "query",
    "text": "query ServiceListServiceRefetchQuery(\n  $id: ID!\n) {\n  node(id: $id) {\n    __typename\n    ...ServiceList_service\n    id\n  }\n}\n\nfragment ServiceList_service on Service {\n  id\n  catalogueId\n  kk: name(locale: KK)\n  ru: name(locale: RU)\n}\n"
  }
};
})();

(node as any).hash = "d2cb4cd713570fa56149c0c617d2affc";

export default node;
