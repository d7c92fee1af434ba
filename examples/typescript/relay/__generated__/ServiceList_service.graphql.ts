/**
 * @generated SignedSource<<59e236b5aa0682f44dae1ba2dedb5724>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type ServiceList_service$data = {
  readonly catalogueId: string;
  readonly id: string;
  readonly kk: string;
  readonly ru: string;
  readonly " $fragmentType": "ServiceList_service";
};
export type ServiceList_service$key = {
  readonly " $data"?: ServiceList_service$data;
  readonly " $fragmentSpreads": FragmentRefs<"ServiceList_service">;
};

import ServiceListServiceRefetchQuery_graphql from './ServiceListServiceRefetchQuery.graphql';

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": ServiceListServiceRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "ServiceList_service",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    },
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
};

(node as any).hash = "d2cb4cd713570fa56149c0c617d2affc";

export default node;
