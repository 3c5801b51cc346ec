// The gateway's GraphiQL setup, put inline in place of strawberry's (gateway/web/graphiql.py).
// What differs from strawberry's page:
// - The schema is fetched again when the Authorization header changes (GraphiQL refetches
//   when its fetcher changes): each caller sees its own schema without clicking re-fetch.
// - Nothing is kept in localStorage: GraphiQL's storage is a Map in this page's memory, and
//   headers are never persisted. Queries are not written into the address either (a lookup's
//   key would stay in the browser's history).
// - The editor opens with an example for the caller, built from the caller's schema: the
//   first dataset it may look up. It follows the schema until the person edits the query.
(function () {
  "use strict";

  const memory = new Map();
  const inMemoryStorage = {
    getItem: (key) => (memory.has(key) ? memory.get(key) : null),
    setItem: (key, value) => { memory.set(key, String(value)); },
    removeItem: (key) => { memory.delete(key); },
    clear: () => { memory.clear(); },
    key: (index) => Array.from(memory.keys())[index] ?? null,
    get length() { return memory.size; },
  };

  const parameters = new URLSearchParams(window.location.search);
  const fetchURL = window.location.href.split("?")[0];
  const SETTLE_MS = 400; // a header being typed: fetch the schema once it stops changing

  function authorizationOf(headersText) {
    try {
      const headers = JSON.parse(headersText || "{}");
      for (const name of Object.keys(headers || {})) {
        if (name.toLowerCase() === "authorization") return String(headers[name]);
      }
    } catch (e) { /* not JSON yet: keep the previous schema */ return undefined; }
    return "";
  }

  function named(type) {
    while (type && type.ofType) type = type.ofType;
    return type;
  }

  function leaves(type, limit) {
    const fields = named(type) && named(type).getFields ? named(type).getFields() : {};
    return Object.values(fields)
      .filter((f) => !named(f.type).getFields && !f.args.some((a) => String(a.type).endsWith("!")))
      .slice(0, limit).map((f) => f.name);
  }

  // The example for the caller whose schema this is.
  function exampleFor(schema) {
    const root = schema.getQueryType().getFields();
    for (const field of Object.values(root)) {
      const access = named(field.type);
      if (!access.getFields || !field.args.some((a) => a.name === "purpose")) continue;
      const lookup = access.getFields().lookup;
      if (!lookup) continue;
      const shown = leaves(lookup.type, 4);
      const grants = root.grants ? `\n# Your grants' purposes: { grants(dataset: "${field.name}") { purpose modes fields } }` : "";
      return `# An example for your token: ${field.name}, the first dataset you may look up.${grants}\n` +
        `# Put the purpose of your grant and a key in the variables below, then run (Ctrl-Enter).\n` +
        `query Lookup($purpose: String!, $key: String!) {\n` +
        `  ${field.name}(purpose: $purpose) {\n    lookup(key: $key) {\n` +
        shown.map((name) => `      ${name}\n`).join("") + `    }\n  }\n}\n`;
    }
    const parts = [];
    if (root.me) parts.push(`  me {\n${leaves(root.me.type, 4).map((n) => `    ${n}\n`).join("")}  }\n`);
    if (root.catalog) parts.push(`  catalog {\n${leaves(root.catalog.type, 3).map((n) => `    ${n}\n`).join("")}  }\n`);
    return "# No dataset your token may look up: send 'Authorization: Bearer <token>' in the\n" +
      "# headers below and this example follows your schema.\n{\n" + parts.join("") + "}\n";
  }

  function makeFetcher() {
    return GraphiQL.createFetcher({ url: fetchURL });
  }

  function GatewayGraphiQL() {
    const [query, setQuery] = React.useState(parameters.get("query") || parameters.get("q") || "");
    const [variables, setVariables] = React.useState(parameters.get("variables") || "");
    const [headers, setHeaders] = React.useState("");
    const [authorization, setAuthorization] = React.useState("");
    const edited = React.useRef(Boolean(query));
    const example = React.useRef("");
    const timer = React.useRef(null);

    // a new fetcher per Authorization value: GraphiQL then fetches that caller's schema
    const fetcher = React.useMemo(makeFetcher, [authorization]);

    const onSchemaChange = React.useCallback((schema) => {
      if (edited.current) return;
      example.current = exampleFor(schema);
      setQuery(example.current);
      setVariables(example.current.includes("$purpose") ? '{\n  "purpose": "",\n  "key": ""\n}' : "");
    }, []);

    function onEditQuery(text) {
      if (text !== example.current) edited.current = true;
      setQuery(text);
    }

    function onEditHeaders(text) {
      setHeaders(text);
      const value = authorizationOf(text);
      if (value === undefined) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAuthorization(value), SETTLE_MS);
    }

    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      query: query,
      variables: variables,
      headers: headers,
      onEditQuery: onEditQuery,
      onEditVariables: setVariables,
      onEditHeaders: onEditHeaders,
      onSchemaChange: onSchemaChange,
      inputValueDeprecation: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      storage: inMemoryStorage,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GatewayGraphiQL));
})();
