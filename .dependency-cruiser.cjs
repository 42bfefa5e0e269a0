/**
 * The import directions of shared/DESIGN.md section 3, checked by `npm run lint:imports` (part of
 * `npm run check`):
 *
 *   cli, server, demo → runtime.ts → store → use cases → documents, domain
 *   cli, web → client → contract → domain;  server → contract
 *
 * Use cases are response, detection, comms, compliance, reports, postincident, preparation, exchange,
 * operations,
 * jobs, and the auth and audit services they call. Test files may import anything (test/support
 * builds runtimes), so they are not cruised, except domain's: domain stays pure in its tests too.
 */

/** The use-case rooms: they take stores as interfaces and know nothing of HTTP, CLI or wiring. */
const USE_CASES =
  "^src/(response|detection|comms|compliance|reports|postincident|preparation|jobs|auth|audit|exchange|operations)/";
/** Where requests come in and where the application is assembled. */
const EDGES = "^src/(server|cli|demo)/";

module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "domain holds the rules everything else shares (and the web imports): it imports nothing of " +
        "ours but itself, so a rule can be read and tested without a database, a document or HTTP.",
      from: { path: "^src/domain/" },
      to: { path: "^(src|web)/", pathNot: "^src/domain/" },
    },
    {
      name: "domain-does-no-io",
      severity: "error",
      comment:
        "domain takes data and a Clock and returns data: no files, servers, processes or " +
        "databases (pure helpers such as node:net's isIP are fine).",
      from: { path: "^src/domain/" },
      to: {
        path: "^(fs|fs/promises|http|https|http2|dgram|tls|child_process|worker_threads)$|node_modules/(kysely|pg|better-sqlite3|fastify|@fastify/[^/]+|nodemailer)/",
      },
    },
    {
      name: "documents-over-domain-only",
      severity: "error",
      comment:
        "Plans, procedures and rules are parsed and linted below the use cases that read them: " +
        "documents imports only itself and domain (plan lint's obligation checks live here, not " +
        "in compliance).",
      from: { path: "^src/documents/" },
      to: { path: "^(src|web)/", pathNot: "^src/(documents|domain)/" },
    },
    {
      name: "use-cases-not-edges",
      severity: "error",
      comment:
        "Use cases are called by the edges and get their stores passed in: they import no server " +
        "(auth's permissions included), CLI, demo, runtime, store, client or API contract.",
      from: { path: USE_CASES },
      to: { path: `${EDGES}|^src/(store|client|contract)/|^src/runtime\\.ts$` },
    },
    {
      name: "store-not-runtime",
      severity: "error",
      comment:
        "store implements the interfaces the use cases declare; it is wired by runtime.ts and " +
        "imports neither it nor the edges (no store module builds a service).",
      from: { path: "^src/store/" },
      to: { path: `${EDGES}|^src/(client|contract)/|^src/runtime\\.ts$` },
    },
    {
      name: "stores-built-in-runtime",
      severity: "error",
      comment:
        "runtime.ts is the only place that builds stores: nothing else calls a repository " +
        "factory, so there is one set of stores per runtime (store tests excepted).",
      from: { pathNot: "^src/store/|^src/runtime\\.ts$" },
      to: { path: "^src/store/(.+\\.repo|comms-stores)\\.ts$" },
    },
    {
      name: "runtime-not-edges",
      severity: "error",
      comment: "runtime.ts assembles stores and services; the edges call it, not the reverse.",
      from: { path: "^src/runtime\\.ts$" },
      to: { path: `${EDGES}|^src/client/` },
    },
    {
      name: "config-below-its-readers",
      severity: "error",
      comment:
        "config.ts is read by every room, so it parses with domain, documents and auth's egress " +
        "list only, and those do not read it back (no cycle through config).",
      from: { path: "^src/config\\.ts$" },
      to: { path: "^src/", pathNot: "^src/(domain|documents)/|^src/auth/egress\\.ts$" },
    },
    {
      name: "config-not-from-below",
      severity: "error",
      comment:
        "What config.ts parses with does not read the config (see config-below-its-readers).",
      from: { path: "^src/(domain|documents)/|^src/auth/egress\\.ts$" },
      to: { path: "^src/config\\.ts$" },
    },
    {
      name: "contract-over-domain-only",
      severity: "error",
      comment:
        "The API's schemas are shared by the server, the client, the CLI and the web: contract " +
        "imports only itself and domain (and document types, below), so the web can bundle it.",
      from: { path: "^src/contract/" },
      to: { path: "^(src|web)/", pathNot: "^src/(contract|domain|documents)/" },
    },
    {
      name: "contract-names-document-types-only",
      severity: "error",
      comment:
        "Document bodies are answered as stored, typed by their schemas in documents/: the " +
        "contract may name those types (erased from the web's bundle) but runs no documents code.",
      from: { path: "^src/contract/" },
      to: { path: "^src/documents/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "client-over-contract-only",
      severity: "error",
      comment:
        "The typed client speaks the contract over a transport it is given (HTTP, or the CLI's " +
        "in-process app): it imports only itself, contract and domain.",
      from: { path: "^src/client/" },
      to: { path: "^(src|web)/", pathNot: "^src/(client|contract|domain)/" },
    },
    {
      name: "contract-from-edges",
      severity: "error",
      comment:
        "Only the server, the client, the CLI and the web talk in API shapes; use cases and " +
        "stores talk in domain types.",
      from: { path: "^src/", pathNot: "^src/(server|cli|client|contract)/" },
      to: { path: "^src/contract/" },
    },
    {
      name: "client-from-cli-and-web",
      severity: "error",
      comment:
        "The client is how the CLI and the web reach the API. Its fetch is not egress-checked " +
        "(it calls the Firebreak server its user names), so the server must never use it; " +
        "server-side requests go through comms/channels/http.ts (docs/security.md).",
      from: { path: "^src/", pathNot: "^src/(cli|client)/" },
      to: { path: "^src/client/" },
    },
    {
      name: "web-shares-domain-contract-client",
      severity: "error",
      comment:
        "The web is a separate bundle: of the server's code it imports only domain rules, the " +
        "contract and the client.",
      from: { path: "^web/" },
      to: { path: "^src/", pathNot: "^src/(domain|contract|client)/" },
    },
    {
      name: "no-room-cycles",
      severity: "error",
      scope: "folder",
      comment:
        "Two top-level folders of src/ that import each other are one room in two places: move " +
        "the piece that is in the wrong one (a type into domain, a function to its owner).",
      from: { path: "^src/[^/]+$" },
      to: { circular: true },
    },
  ],
  options: {
    // Tests import test/support, which builds whole runtimes; only domain's tests are held to a rule.
    exclude: { path: "^(?!src/domain/).*\\.test\\.tsx?$" },
    doNotFollow: { path: ["node_modules", "^test/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
