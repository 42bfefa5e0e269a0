import { type Kysely, sql } from "kysely";
import { isPostgres } from "./append-only-guard.js";

/**
 * The full-text search index (migration 0030, docs/search.md): one `search_documents` row per
 * searchable thing of an incident — its title, its description, each task, indicator, evidence
 * item, asset, lessons review and timeline entry — kept current by database triggers on the
 * source tables, so that no code path writing those tables (a merge moving records, an import, a
 * future feature) can leave the index behind. SQLite indexes the rows with FTS5 (external
 * content, bm25); PostgreSQL with a generated `tsvector` column under a GIN index (ts_rank).
 *
 * Both dialects see the same words: the text is split on every character that is not a letter or
 * a digit (FTS5's unicode61 does it; PostgreSQL is handed the text with those characters made
 * spaces), so `evil.com`, `10.0.0.1` and `C:\Temp\x.exe` are phrases of words on both, found
 * exactly by searching them as phrases, and a SHA-256 is one word.
 */

type Dialect = "sqlite" | "postgres";

/** One kind of document: where its rows come from and what of them is searchable. */
interface Source {
  kind: string;
  table: string;
  /** SQL over the row `r` (`new`, `old`, or the table's name in the backfill). */
  incident: (r: string) => string;
  ref: (r: string) => string;
  text: (r: string, d: Dialect) => string;
  /** Only rows meeting this are indexed. */
  when?: (r: string) => string;
  /** The columns whose change re-indexes the row. */
  watch: string[];
}

/**
 * A JSON text column as PostgreSQL's jsonb: a lone surrogate's escape (`"\ud800"`, which
 * JSON.stringify writes for one and jsonb refuses) is read as U+FFFD first, so that indexing
 * never refuses the write that fires it. Only such escapes are written escaped: JSON.stringify
 * writes every well-formed character as itself.
 */
const jsonb = (json: string) =>
  `regexp_replace(${json}, '\\\\u[dD][89a-fA-F][0-9a-fA-F]{2}', '\\\\ufffd', 'g')::jsonb`;

const join = (...parts: string[]) => parts.map((p) => `coalesce(${p}, '')`).join(` || ' ' || `);

/** The `text` field of each object of a JSON array (task notes), space-separated. */
const noteTexts = (json: string, d: Dialect) =>
  d === "sqlite"
    ? `(select group_concat(json_extract(value, '$.text'), ' ') from json_each(${json}))`
    : `(select string_agg(e->>'text', ' ') from jsonb_array_elements(${jsonb(json)}) e)`;

/** The strings of a JSON array of strings, space-separated. */
const arrayTexts = (json: string, d: Dialect) =>
  d === "sqlite"
    ? `(select group_concat(value, ' ') from json_each(${json}))`
    : `(select string_agg(e, ' ') from jsonb_array_elements_text(${jsonb(json)}) e)`;

/** Every string anywhere in a JSON value (a timeline payload), space-separated. */
const allTexts = (json: string, d: Dialect) =>
  d === "sqlite"
    ? `(select group_concat(value, ' ') from json_tree(${json}) where type = 'text')`
    : `(select string_agg(v #>> '{}', ' ') from jsonb_path_query(${jsonb(json)}, 'strict $.**') v where jsonb_typeof(v) = 'string')`;

/**
 * Timeline entries whose text is the record of a thing indexed from its own table (the task, the
 * indicator, the evidence item, the asset, the lessons, the declared title): indexing them again
 * would only repeat the same words as timeline mentions.
 */
export const TIMELINE_KINDS_INDEXED_ELSEWHERE = [
  "incident.declared",
  "task.added",
  "task.updated",
  "indicator.added",
  "evidence.added",
  "asset.updated",
  "lessons.recorded",
];

export const SOURCES: Source[] = [
  {
    kind: "title",
    table: "incidents",
    incident: (r) => `${r}.id`,
    ref: (r) => `${r}.id`,
    text: (r) => join(`${r}.human_id`, `${r}.title`),
    watch: ["human_id", "title"],
  },
  {
    kind: "description",
    table: "incidents",
    incident: (r) => `${r}.id`,
    ref: (r) => `${r}.id`,
    text: (r) => join(`${r}.description`),
    when: (r) => `${r}.description <> ''`,
    watch: ["description"],
  },
  {
    kind: "task",
    table: "tasks",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.id`,
    // Not the instructions: they are the procedure's words, the same in every incident of a type.
    text: (r, d) => join(`${r}.title`, `${r}.skip_reason`, noteTexts(`${r}.notes`, d)),
    watch: ["incident_id", "title", "skip_reason", "notes"],
  },
  {
    kind: "indicator",
    table: "indicators",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.id`,
    text: (r) => join(`${r}.type`, `${r}.value`, `${r}.description`),
    watch: ["incident_id", "type", "value", "description"],
  },
  {
    kind: "evidence",
    table: "evidence",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.id`,
    text: (r) => join(`${r}.name`, `${r}.sha256`, `${r}.description`, `${r}.location`),
    watch: ["incident_id", "name", "sha256", "description", "location"],
  },
  {
    kind: "asset",
    table: "assets",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.id`,
    text: (r) => join(`${r}.name`, `${r}.kind`),
    watch: ["incident_id", "name", "kind"],
  },
  {
    kind: "lessons",
    table: "lessons",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.id`,
    text: (r, d) =>
      join(
        `${r}.what_happened`,
        arrayTexts(`${r}.went_well`, d),
        arrayTexts(`${r}.went_poorly`, d),
        arrayTexts(`${r}.learned`, d),
      ),
    watch: ["incident_id", "what_happened", "went_well", "went_poorly", "learned"],
  },
  {
    kind: "timeline",
    table: "timeline",
    incident: (r) => `${r}.incident_id`,
    ref: (r) => `${r}.incident_id || ':' || cast(${r}.seq as text)`,
    text: (r, d) => allTexts(`${r}.payload`, d),
    when: (r) =>
      `${r}.kind not in (${TIMELINE_KINDS_INDEXED_ELSEWHERE.map((k) => `'${k}'`).join(", ")})`,
    // Append-only: entries are only ever added (and removed on the retention path).
    watch: [],
  },
];

/**
 * Defanged spellings written into notes and descriptions (`hxxp://`, `evil[dot]com`,
 * `user[at]host`) are indexed refanged, so that `http://evil.com` finds them; the query is
 * refanged the same way (domain/search/query.ts). `[.]` would split words as `.` does; it is
 * refanged so that passages read the same whichever way the value was written.
 */
function refanged(text: string): string {
  let out = text;
  for (const [from, to] of [
    ["hxxp", "http"],
    ["hXXp", "http"],
    ["HXXP", "HTTP"],
    ["[.]", "."],
    ["[dot]", "."],
    ["(dot)", "."],
    ["[at]", "@"],
    ["(at)", "@"],
  ])
    out = `replace(${out}, '${from}', '${to}')`;
  return out;
}

const now = (d: Dialect) =>
  d === "sqlite"
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
    : `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The statement that indexes row `r` of a source (nothing when it does not qualify). A source
 * with no text at all (a timeline entry whose payload holds no string) gets an empty document.
 */
function insertDocument(s: Source, r: string, d: Dialect, from = ""): string {
  return `insert into search_documents (incident_id, kind, ref, text, updated_at)
  select ${s.incident(r)}, '${s.kind}', ${s.ref(r)}, coalesce(${refanged(s.text(r, d))}, ''), ${now(d)}${from}
  where ${s.when ? s.when(r) : "1 = 1"}`;
}

const removeDocument = (s: Source, r: string) =>
  `delete from search_documents where kind = '${s.kind}' and ref = ${s.ref(r)}`;

/**
 * The FTS5 index of `search_documents` (external content: the text is stored once). The
 * incident's id is a column of its own so that FTS5 itself can keep a match to some incidents
 * (`incident_id : "…"`, its words a phrase), which a rowid condition cannot do cheaply: FTS5
 * evaluates the whole query again for each rowid asked (store/search.repo.ts). Searched words
 * are kept to the `text` column.
 */
export const SQLITE_FTS_TABLE = `create virtual table search_fts using fts5(text, incident_id,
  content = 'search_documents', content_rowid = 'id', tokenize = 'unicode61')`;

async function run(db: Kysely<unknown>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}

/** The SQLite triggers: the FTS5 table follows `search_documents`, which follows the sources. */
export function sqliteSearchTriggers(): string[] {
  const statements = [
    `create trigger search_documents_insert after insert on search_documents begin
  insert into search_fts (rowid, text, incident_id) values (new.id, new.text, new.incident_id); end`,
    `create trigger search_documents_delete after delete on search_documents begin
  insert into search_fts (search_fts, rowid, text, incident_id)
    values ('delete', old.id, old.text, old.incident_id); end`,
    `create trigger search_documents_update after update on search_documents begin
  insert into search_fts (search_fts, rowid, text, incident_id)
    values ('delete', old.id, old.text, old.incident_id);
  insert into search_fts (rowid, text, incident_id) values (new.id, new.text, new.incident_id); end`,
  ];
  for (const s of SOURCES) {
    statements.push(
      `create trigger search_${s.kind}_insert after insert on ${s.table} begin
  ${insertDocument(s, "new", "sqlite")}; end`,
      `create trigger search_${s.kind}_delete after delete on ${s.table} begin
  ${removeDocument(s, "old")}; end`,
    );
    if (s.watch.length > 0)
      statements.push(
        `create trigger search_${s.kind}_update after update of ${s.watch.join(", ")} on ${s.table} begin
  ${removeDocument(s, "old")};
  ${insertDocument(s, "new", "sqlite")}; end`,
      );
  }
  return statements;
}

/**
 * Puts the SQLite search triggers back when the index exists. A restore drops every trigger of
 * the copy it puts in place and creates the known ones afresh (append-only-guard.ts).
 */
export async function createSqliteSearchTriggers(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master
    where type = 'table' and name = 'search_documents'`.execute(db);
  if (Number(rows[0]?.n) === 0) return;
  for (const statement of sqliteSearchTriggers()) await run(db, statement);
}

function postgresTrigger(s: Source): string[] {
  const events = [
    "insert",
    "delete",
    ...(s.watch.length ? [`update of ${s.watch.join(", ")}`] : []),
  ];
  return [
    `create function search_${s.kind}() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then ${removeDocument(s, "old")}; end if;
  if tg_op in ('UPDATE', 'INSERT') then ${insertDocument(s, "new", "postgres")}; end if;
  return null;
end $$`,
    `create trigger search_${s.kind} after ${events.join(" or ")} on ${s.table}
  for each row execute function search_${s.kind}()`,
  ];
}

export async function createSearchIndex(db: Kysely<unknown>): Promise<void> {
  const d: Dialect = isPostgres(db) ? "postgres" : "sqlite";
  if (d === "postgres") {
    await run(
      db,
      `create table search_documents (
  id bigserial primary key,
  incident_id text not null,
  kind text not null,
  ref text not null,
  text text not null,
  updated_at text not null,
  tsv tsvector generated always as
    (to_tsvector('simple', regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))) stored)`,
    );
    await run(db, "create index search_documents_tsv on search_documents using gin (tsv)");
  } else {
    await run(
      db,
      `create table search_documents (
  id integer primary key,
  incident_id text not null,
  kind text not null,
  ref text not null,
  text text not null,
  updated_at text not null)`,
    );
    await run(db, SQLITE_FTS_TABLE);
  }
  await run(db, "create unique index search_documents_ref on search_documents (kind, ref)");
  await run(db, "create index search_documents_incident on search_documents (incident_id)");
  for (const statement of d === "sqlite"
    ? sqliteSearchTriggers()
    : SOURCES.flatMap(postgresTrigger))
    await run(db, statement);
  for (const s of SOURCES) await run(db, insertDocument(s, s.table, d, ` from ${s.table}`));
}

export async function dropSearchIndex(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const s of SOURCES) {
      await run(db, `drop trigger search_${s.kind} on ${s.table}`);
      await run(db, `drop function search_${s.kind}()`);
    }
  } else {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master
      where type = 'trigger' and name like 'search\\_%' escape '\\'`.execute(db);
    for (const { name } of rows) await run(db, `drop trigger ${name}`);
    await run(db, "drop table search_fts");
  }
  await run(db, "drop table search_documents");
}
