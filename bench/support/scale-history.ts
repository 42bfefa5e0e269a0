import { randomUUID } from "node:crypto";
import { setImmediate } from "node:timers/promises";
import type { Kysely } from "kysely";
import { GENESIS_HASH } from "../../src/domain/hash-chain.js";
import type { Incident } from "../../src/domain/incident/model.js";
import { ACTIVE_PHASES } from "../../src/domain/incident/phase.js";
import { entryHash } from "../../src/domain/incident/timeline-chain.js";
import { stepCounts } from "../../src/domain/metrics.js";
import type { Database } from "../../src/store/database.js";
import { durationColumns } from "../../src/store/incident-metrics.sql.js";
import type { BulkWriter, Row } from "./scale-bulk.js";

/**
 * A history of incidents generated from a few real ones: incidents declared through the service
 * layer are read back as templates and cloned with new ids, times, phases, severities, tasks
 * worked, notes and jobs, so every generated row has the columns, kinds and payloads the code
 * writes — and the timeline is hash-chained like a real one (`firebreak verify` passes).
 */

const H = 3_600_000;
const D = 24 * H;
/** Declarations spread over this long before now, oldest first. */
const SPAN_MS = 3 * 365 * D;

export interface HistoryOptions {
  incidents: number;
  /** Timeline entries per incident (the template's own, then notes). */
  timelinePerIncident: number;
  /** The share of restricted incidents (commanded by someone, hidden from the rest). */
  restrictedShare: number;
  severities: string[];
  team: string[];
  /** The human-id counters as the templates left them (INC-2026 → 4): numbering continues. */
  counters: Map<string, number>;
  now: Date;
  /** Called after every batch with the number of incidents written so far. */
  progress(done: number): void;
}

interface Template {
  incident: Row;
  tasks: Row[];
  timeline: Row[];
  roles: Row[];
  jobs: Row[];
}

/** How many incidents the database holds. */
export async function countIncidents(k: Kysely<Database>): Promise<number> {
  const row = await k
    .selectFrom("incidents")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  return Number(row?.n);
}

/** Reads back incidents declared through the service layer, with everything written for them. */
export async function readTemplates(k: Kysely<Database>, ids: string[]): Promise<Template[]> {
  // biome-ignore lint/suspicious/noExplicitAny: rows copied column by column, whatever today's schema holds
  const q = k as Kysely<any>;
  const out: Template[] = [];
  for (const id of ids) {
    const incident = await q
      .selectFrom("incidents")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    out.push({
      incident,
      tasks: await q.selectFrom("tasks").selectAll().where("incident_id", "=", id).execute(),
      timeline: await q
        .selectFrom("timeline")
        .selectAll()
        .where("incident_id", "=", id)
        .orderBy("seq")
        .execute(),
      roles: await q
        .selectFrom("role_assignments")
        .selectAll()
        .where("incident_id", "=", id)
        .execute(),
      jobs: await q
        .selectFrom("jobs")
        .selectAll()
        .where((eb) =>
          eb.or([eb("dedup_key", "like", `%${id}%`), eb("payload", "like", `%${id}%`)]),
        )
        .execute(),
    });
  }
  return out;
}

/** A small deterministic generator (mulberry32): the same history for the same size. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = [
  "finance",
  "payroll",
  "vpn",
  "exchange",
  "sharepoint",
  "okta",
  "citrix",
  "jenkins",
  "crm",
  "laptop",
  "kiosk",
  "warehouse",
  "berlin",
  "lagos",
  "austin",
  "backup",
  "domain-controller",
  "mimikatz",
  "cobalt",
  "beacon",
  "phishing",
  "invoice",
  "wire",
  "mfa",
  "token",
  "exfiltration",
  "encrypted",
  "ransom",
  "lateral",
  "rdp",
  "powershell",
  "macro",
  "credential",
  "dump",
  "s3",
];

/** The same row with every mention of the template's ids replaced (dedup keys, payloads). */
function renamed(row: Row, from: [string, string], to: [string, string]): Row {
  return JSON.parse(
    JSON.stringify(row).replaceAll(from[0], to[0]).replaceAll(from[1], to[1]),
  ) as Row;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes `incidents` incidents declared over the last three years through `writer`, in batches,
 * and moves the human-id counters past them. Returns the generated ids (oldest first). Ids are
 * random (version 4), as every id was before row ids carried their time (src/domain/row-id.ts):
 * the history of a database that has been upgraded, the harder case for new writes.
 */
export async function writeHistory(
  writer: BulkWriter,
  templates: Template[],
  o: HistoryOptions,
): Promise<string[]> {
  const rnd = random(19);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const counters = new Map(o.counters);
  const ids: string[] = [];
  const start = o.now.getTime() - SPAN_MS - 2 * D;
  const BATCH = 1000;
  for (let at = 0; at < o.incidents; at += BATCH) {
    const incidents: Row[] = [];
    const tasks: Row[] = [];
    const timeline: Row[] = [];
    const roles: Row[] = [];
    const jobs: Row[] = [];
    for (let n = at; n < Math.min(o.incidents, at + BATCH); n++) {
      const t = pick(templates);
      const declared = start + (n / o.incidents) * SPAN_MS + rnd() * H;
      const year = new Date(declared).getUTCFullYear();
      const prefix = String(t.incident.human_id).split("-")[0];
      const counter = `${prefix}-${year}`;
      const number = (counters.get(counter) ?? 0) + 1;
      counters.set(counter, number);
      const id = randomUUID();
      const humanId = `${counter}-${String(number).padStart(4, "0")}`;
      ids.push(id);
      const rename = (r: Row) =>
        renamed(r, [String(t.incident.id), String(t.incident.human_id)], [id, humanId]);

      // Old incidents are over (most closed, some declined); the last month's are still worked.
      const recent = o.now.getTime() - declared < 30 * D;
      const r = rnd();
      const phase = recent
        ? pick([...ACTIVE_PHASES, "closed"])
        : r < 0.92
          ? "closed"
          : r < 0.97
            ? "declined"
            : "post_incident";
      const reached =
        phase === "closed" ? ACTIVE_PHASES.length : ACTIVE_PHASES.indexOf(phase as never);
      const detected = declared - rnd() * 6 * H;
      let clock = declared + (5 + rnd() * 60) * 60_000;
      const stamp = (spanH: number) => {
        clock += rnd() * spanH * H;
        return iso(clock);
      };
      const acknowledged = iso(clock);
      const contained = phase !== "declined" && reached > 1 ? stamp(24) : null;
      const eradicated = phase !== "declined" && reached > 2 ? stamp(72) : null;
      const recovered = phase !== "declined" && reached > 3 ? stamp(96) : null;
      const remediation = phase !== "declined" && reached > 4 ? stamp(48) : null;
      const closed = phase === "closed" || phase === "declined" ? stamp(240) : null;
      const end = closed ?? remediation ?? recovered ?? eradicated ?? contained ?? acknowledged;
      const restricted = rnd() < o.restrictedShare;
      const commander = pick(o.team);
      const title = `${String(t.incident.title).split(" ")[0]} ${pick(WORDS)} ${pick(WORDS)}-${Math.floor(rnd() * 9000) + 1000}`;
      const incident: Row = {
        ...rename(t.incident),
        title,
        description: `Seen on ${pick(WORDS)} and ${pick(WORDS)}; ${pick(WORDS)} involved.`,
        severity: pick(o.severities),
        phase,
        commander,
        restricted: restricted ? 1 : 0,
        exercise: rnd() < 0.01 ? 1 : 0,
        end_reason: phase === "declined" ? "not an incident" : null,
        first_activity_at: rnd() < 0.7 ? iso(detected - rnd() * 72 * H) : null,
        detected_at: iso(detected),
        reported_at: iso(detected),
        acknowledged_at: acknowledged,
        declared_at: iso(declared),
        classified_at: iso(declared),
        determined_at: iso(declared),
        contained_at: contained,
        eradicated_at: eradicated,
        recovered_at: recovered,
        remediation_opened_at: remediation,
        closed_at: closed,
        updated_at: end,
        version: 1 + reached,
      };

      // The checklist: steps of phases already left are mostly done (some late, some skipped).
      const taskRows = t.tasks.map((task) => {
        const row: Row = {
          ...rename(task),
          id: randomUUID(),
          created_at: iso(declared),
          updated_at: iso(declared),
        };
        const over = phase === "closed" || ACTIVE_PHASES.indexOf(task.phase as never) < reached;
        const dueOffset = task.due_at
          ? Date.parse(String(task.due_at)) - Date.parse(String(t.incident.declared_at))
          : null;
        row.due_at = dueOffset === null ? null : iso(declared + dueOffset);
        const s = rnd();
        if (over && s < 0.85) {
          const done = declared + rnd() * Math.max(H, Date.parse(end) - declared);
          Object.assign(row, {
            status: "done",
            completed_at: iso(done),
            completed_by: commander,
            updated_at: iso(done),
          });
        } else if (over && s < 0.93)
          Object.assign(row, { status: "skipped", skip_reason: "not applicable" });
        return row;
      });
      tasks.push(...taskRows);
      const steps = stepCounts(
        taskRows.map((x) => ({ ...x, required: Boolean(x.required) }) as never),
        phase,
      );
      const durations = durationColumns({
        times: incident as unknown as Incident["times"],
      } as Incident);

      // The timeline: the template's entries, then notes, chained from the genesis hash.
      let prev = GENESIS_HASH;
      const span = Math.max(60_000, Date.parse(end) - declared);
      const entries: Row[] = t.timeline.map((e) => ({ ...e, recorded_at: iso(declared) }));
      for (let seq = entries.length + 1; seq <= o.timelinePerIncident; seq++)
        entries.push({
          ...(t.timeline[0] as Row),
          recorded_at: iso(declared + (span * seq) / o.timelinePerIncident),
          occurred_at: null,
          kind: "note",
          payload: JSON.stringify({
            text: `${pick(WORDS)} ${pick(WORDS)} checked on ${pick(WORDS)}`,
          }),
        });
      entries.forEach((e, i) => {
        const content = {
          incident_id: id,
          seq: i + 1,
          recorded_at: String(e.recorded_at),
          occurred_at: e.occurred_at === null ? null : String(e.occurred_at),
          actor: String(e.actor),
          kind: String(e.kind),
          payload: String(e.payload),
        };
        const hash = entryHash(prev, content);
        timeline.push({ ...content, prev_hash: prev, hash });
        prev = hash;
      });
      incidents.push({
        ...incident,
        ...durations,
        steps_on_time: steps.on_time,
        steps_late: steps.late,
        steps_skipped: steps.skipped,
        steps_not_done: steps.not_done,
        timeline_head: prev,
        timeline_entries: entries.length,
      });
      for (const role of t.roles)
        roles.push({
          ...rename(role),
          id: randomUUID(),
          person: commander,
          assigned_at: iso(declared),
        });
      // Its timers: still pending while it is worked, finished once it ended.
      for (const job of t.jobs)
        jobs.push({
          ...rename(job),
          id: randomUUID(),
          created_at: iso(declared),
          due_at: iso(
            declared +
              (Date.parse(String(job.due_at)) - Date.parse(String(t.incident.declared_at))),
          ),
          ...(closed ? { status: "done", finished_at: closed } : {}),
        });
    }
    await writer.insert("incidents", incidents);
    await writer.insert("tasks", tasks);
    await writer.insert("timeline", timeline);
    await writer.insert("role_assignments", roles);
    await writer.insert("jobs", jobs);
    o.progress(Math.min(o.incidents, at + BATCH));
    // SQLite's writer never waits: the progress bar's timer needs a turn to print.
    await setImmediate();
  }
  for (const [name, value] of counters)
    await writer.exec(
      `insert into counters (name, value) values ('${name}', ${value}) on conflict (name) do update set value = excluded.value`,
    );
  return ids;
}
