// Starts GraphiQL against this server's /graphql: queries over HTTP, subscriptions over the
// WebSocket at the same path. Headers (an API token) are not kept in the browser's storage.
(function () {
  "use strict";
  var EXAMPLE = [
    "# Citizen's GraphQL API. Run a query with Ctrl+Enter (or the play button).",
    "# Answers come in Kazakh or Russian: add `(locale: RU)` to a text field, or send",
    "# the Accept-Language header.",
    "{",
    "  services(search: \"балабакша\", first: 3) {",
    "    edges { node { id catalogueId name } }",
    "    totalCount noMatch",
    "  }",
    "}",
    "",
  ].join("\n");
  var url = window.location.href.split("#")[0].split("?")[0];
  var fetcher = GraphiQL.createFetcher({
    url: url,
    subscriptionUrl: url.replace(/^http/, "ws"),
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: EXAMPLE,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    })
  );
})();
