"""A Citizen API client in plain Python (httpx): the four things an app does first.

1. page through every service (a Relay connection: `first` / `after` / `pageInfo`);
2. read a service card in Kazakh and Russian side by side (`locale:` arguments): what applies
   today first (`current.headline`: an abolished service says so), then the historical
   regional regulation under its heading;
3. ask when a result would be ready if one applied at a moment (`readyEstimate`);
4. look an application up by its receipt number and the applicant's IIN — by POST only.

    python citizen_client.py --url http://127.0.0.1:8000/graphql \
        [--service ID --region ID] [--submitted-at 2026-12-01T10:00:00+05:00] [--number N]

The IIN is read from the CITIZEN_IIN environment variable (or asked for), never from the
command line: command lines are visible to every user of the machine, and URLs end up in logs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from typing import Any

import httpx

SERVICES = """
query Services($first: Int!, $after: String) {
  services(first: $first, after: $after) {
    totalCount
    edges { cursor node { id catalogueId regions { id } } }
    pageInfo { hasNextPage endCursor }
    problem { __typename ... on InvalidInput { message } ... on NotFound { message } }
  }
}"""

CARD = """
query Card($service: ID!, $region: ID!) {
  service(id: $service) {
    __typename
    ... on NotFound { message }
    ... on Service {
      kk: name(locale: KK)
      ru: name(locale: RU)
      cost { kk: label(locale: KK) ru: label(locale: RU) }
      current { abolished kk: headline(locale: KK) ru: headline(locale: RU) }
      regulation(region: $region) {
        __typename
        ... on NotFound { message }
        ... on Regulation {
          historyKk: historyHeading(locale: KK)
          historyRu: historyHeading(locale: RU)
          channels { channel acceptsApplications }
        }
      }
    }
  }
}"""

READY = """
query Ready($service: ID!, $region: ID!, $channel: Channel!, $at: DateTime!) {
  service(id: $service) {
    ... on Service {
      regulation(region: $region) {
        ... on Regulation {
          readyEstimate(channel: $channel, submittedAt: $at) {
            __typename
            ... on InvalidInput { message }
            ... on ReadyEstimate { readyOn kk: readyOnText(locale: KK) ru: readyOnText(locale: RU) }
          }
        }
      }
    }
  }
}"""

LOOKUP = """
query Lookup($number: String!, $iin: String!) {
  application(number: $number, iin: $iin) {
    __typename
    ... on ApplicationLookupFailed { reason message }
    ... on Application {
      id number statusLabel expectedReadyOn
      pickupOffice { name address }
    }
  }
}"""


class Citizen:
    """Every request is a POST with a JSON body: variables (an IIN too) never go in a URL."""

    def __init__(self, url: str, language: str = "ru"):
        self.http = httpx.Client(headers={"Accept-Language": language}, timeout=10)
        self.url = url

    def run(self, query: str, **variables: Any) -> dict[str, Any]:
        response = self.http.post(self.url, json={"query": query, "variables": variables})
        body = response.json()
        if body.get("errors"):  # a bug in the query or an outage: expected failures are typed
            raise RuntimeError(f"{response.status_code}: {body['errors'][0]['message']}")
        response.raise_for_status()
        data: dict[str, Any] = body["data"]
        return data

    def all_services(self, page_size: int) -> tuple[list[dict[str, Any]], int, int]:
        """Every service, page by page; returns them, the total count and the pages read."""
        services: list[dict[str, Any]] = []
        after, pages = None, 0
        while True:
            page = self.run(SERVICES, first=page_size, after=after)["services"]
            if page["problem"] is not None:
                raise ValueError(page["problem"]["message"])
            pages += 1
            services += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return services, page["totalCount"], pages
            after = page["pageInfo"]["endCursor"]


def main() -> int:
    args = _arguments()
    citizen = Citizen(args.url)

    services, total, pages = citizen.all_services(args.page_size)
    print(f"services: {len({s['id'] for s in services})} of {total} ({pages} pages)")

    service = args.service or next(s["catalogueId"] for s in services if s["regions"])
    chosen = next(s for s in services if service in (s["catalogueId"], s["id"]))
    region = args.region or chosen["regions"][0]["id"]
    card = citizen.run(CARD, service=service, region=region)["service"]
    if card["__typename"] == "NotFound":
        raise SystemExit(card["message"])
    print(f"card {service} in {region}")
    print(f"  kk: {card['kk']} — {card['cost']['kk']}")
    print(f"  ru: {card['ru']} — {card['cost']['ru']}")
    current = card["current"] or {"kk": "—", "ru": "—"}  # null: never checked
    print(f"today kk: {current['kk']}")  # first: the service may be abolished
    print(f"today ru: {current['ru']}")

    regulation = card["regulation"]
    if regulation["__typename"] == "NotFound":
        raise SystemExit(regulation["message"])
    print(f"history kk: {regulation['historyKk']}")
    print(f"history ru: {regulation['historyRu']}")
    channel = next(c["channel"] for c in regulation["channels"] if c["acceptsApplications"])
    at = args.submitted_at or dt.datetime.now(dt.timezone(dt.timedelta(hours=5))).isoformat()
    ready = citizen.run(READY, service=service, region=region, channel=channel, at=at)
    estimate = ready["service"]["regulation"]["readyEstimate"]
    if estimate["__typename"] == "InvalidInput":
        raise SystemExit(estimate["message"])
    print(f"ready on {estimate['readyOn']} via {channel} if applied at {at}")
    print(f"  kk: {estimate['kk']}")
    print(f"  ru: {estimate['ru']}")

    if args.number:
        iin = os.environ.get("CITIZEN_IIN") or getpass.getpass("IIN: ")
        found = citizen.run(LOOKUP, number=args.number, iin=iin)["application"]
        if found["__typename"] == "ApplicationLookupFailed":
            print(f"application {args.number}: {found['reason']} — {found['message']}")
            return 1
        office = found["pickupOffice"]
        print(f"application {found['number']}: {found['statusLabel']}")
        print(f"  expected ready on: {found['expectedReadyOn']}")
        print(f"  pickup office: {office['name'] + ', ' + office['address'] if office else '—'}")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--page-size", type=int, default=10)
    parser.add_argument("--service", help="catalogue id or global id; default: the first")
    parser.add_argument("--region", help="region id; default: the service's first")
    parser.add_argument("--submitted-at", help="ISO 8601 with a time zone; default: now")
    parser.add_argument("--number", help="a receipt number to look up (IIN: CITIZEN_IIN)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
