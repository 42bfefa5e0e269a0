import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declaredRansomware,
  declareRansomware,
  expectIntact,
  incidentState,
  kindsAfter,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import {
  addEvidence,
  type EvidenceInput,
  getEvidence,
  listEvidence,
  transferCustody,
} from "./evidence.service.js";

const DIGEST = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
const diskImage = (extra: Partial<EvidenceInput> = {}): EvidenceInput => ({
  name: "FS01 disk image",
  description: "Full image of the file server's data volume",
  sha256: DIGEST,
  size: 5 * 1024 ** 4, // 5 TiB: more than a 32-bit integer column holds
  location: "locker-3/shelf-2",
  acquired_by: "tomas-lindqvist",
  acquired_at: "2026-01-10T09:00:00Z",
  ...extra,
});

describe.each(TEST_DIALECTS)("evidence on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("records evidence with its digest in lower case and the acquirer as custodian", async () => {
    const { incident, seq } = await declaredRansomware(rt);
    const evidence = await addEvidence(rt, incident.human_id, diskImage(), operator);

    expect(evidence).toMatchObject({
      incident_id: incident.id,
      sha256: DIGEST.toLowerCase(),
      size: 5 * 1024 ** 4,
      custodian: "tomas-lindqvist",
      acquired_at: "2026-01-10T09:00:00.000Z",
    });
    expect(await listEvidence(rt, incident.id, undefined)).toEqual([
      { ...evidence, custody: [], file_stored: false, downloads: [] },
    ]);
    const [entry] = await rt.incidents.timeline(incident.id, seq);
    expect(entry).toMatchObject({
      kind: "evidence.added",
      occurred_at: "2026-01-10T09:00:00.000Z",
      payload: {
        evidence_id: evidence.id,
        sha256: DIGEST.toLowerCase(),
        location: "locker-3/shelf-2",
      },
    });
    expect((await rt.incidents.get(incident.id))?.version).toBe(incident.version + 1);
    await expectIntact(rt, incident.id);
  });

  it("refuses a malformed SHA-256 and other bad fields, changing nothing", async () => {
    const incident = await declareRansomware(rt);
    await addEvidence(rt, incident.id, diskImage(), operator);
    const before = await incidentState(rt, incident.id);

    for (const [bad, message] of [
      [{ sha256: "abc123" }, /sha256 must be 64 hexadecimal characters/],
      [{ sha256: `${"g".repeat(64)}` }, /sha256 must be 64/],
      [{ sha256: `${DIGEST}00` }, /got 66 characters/],
      [{ size: -1 }, /size must be a whole number/],
      [{ size: 1.5 }, /size must be a whole number/],
      [{ location: " " }, /location is required/],
      [{ acquired_by: "" }, /acquired_by is required/],
      [{ acquired_at: "yesterday" }, /acquired_at must be an ISO 8601 time/],
      [{ acquired_at: "2999-01-01T00:00:00Z" }, /acquired_at cannot be in the future/],
    ] as const) {
      const e = await rejection(
        addEvidence(rt, incident.id, diskImage(bad as Partial<EvidenceInput>), operator),
      );
      expect(e.code).toBe("invalid_input");
      expect(e.message).toMatch(message);
    }
    expect(await incidentState(rt, incident.id)).toEqual(before);
  });

  it("keeps the chain of custody: each transfer in the custody log and on the timeline", async () => {
    const incident = await declareRansomware(rt);
    const evidence = await addEvidence(rt, incident.id, diskImage(), operator);
    const seq = (await rt.incidents.timeline(incident.id)).length;

    const first = await transferCustody(
      rt,
      incident.id,
      evidence.id,
      { to: "amara-okafor", reason: "analysis in the forensic lab", at: "2026-01-11T10:00:00Z" },
      operator,
    );
    expect(first.custodian).toBe("amara-okafor");
    const second = await transferCustody(
      rt,
      incident.human_id,
      evidence.id,
      {
        to: "Detective Sergeant Hale, Metropolitan Police",
        reason: "handed over under warrant 4471",
      },
      operator,
    );
    expect(second.custody.map((c) => [c.from_custodian, c.to_custodian])).toEqual([
      ["tomas-lindqvist", "amara-okafor"],
      ["amara-okafor", "Detective Sergeant Hale, Metropolitan Police"],
    ]);
    expect(await getEvidence(rt, incident.id, evidence.id, undefined)).toEqual(second);
    expect((await listEvidence(rt, incident.id, undefined))[0]?.custody).toEqual(second.custody);

    const entries = await rt.incidents.timeline(incident.id, seq);
    expect(entries.map((e) => e.kind)).toEqual(["custody.transferred", "custody.transferred"]);
    expect(entries[0]).toMatchObject({
      occurred_at: "2026-01-11T10:00:00.000Z",
      payload: {
        from: "tomas-lindqvist",
        to: "amara-okafor",
        reason: "analysis in the forensic lab",
        sha256: DIGEST.toLowerCase(),
      },
    });
    expect(entries[1]?.occurred_at).toBeNull();
    await expectIntact(rt, incident.id);
  });

  it("refuses transfers that would break the chain, changing nothing", async () => {
    const incident = await declareRansomware(rt);
    const evidence = await addEvidence(rt, incident.id, diskImage(), operator);
    const before = await incidentState(rt, incident.id);

    const same = await rejection(
      transferCustody(
        rt,
        incident.id,
        evidence.id,
        { to: "tomas-lindqvist", reason: "x" },
        operator,
      ),
    );
    expect(same.message).toMatch(/already in the custody of tomas-lindqvist/);
    const early = await rejection(
      transferCustody(
        rt,
        incident.id,
        evidence.id,
        { to: "amara-okafor", reason: "x", at: "2026-01-01T00:00:00Z" },
        operator,
      ),
    );
    expect(early.message).toMatch(/cannot be before 2026-01-10T09:00:00.000Z/);
    expect(
      (
        await rejection(
          transferCustody(
            rt,
            incident.id,
            evidence.id,
            { to: "amara-okafor", reason: " " },
            operator,
          ),
        )
      ).message,
    ).toMatch(/reason is required/);
    expect(
      (
        await rejection(
          transferCustody(
            rt,
            incident.id,
            "no-such-id",
            { to: "amara-okafor", reason: "x" },
            operator,
          ),
        )
      ).code,
    ).toBe("not_found");

    const other = await declareRansomware(rt, "Another incident");
    const foreign = await rejection(
      transferCustody(rt, other.id, evidence.id, { to: "amara-okafor", reason: "x" }, operator),
    );
    expect(foreign.code).toBe("not_found");
    expect(await incidentState(rt, incident.id)).toEqual(before);
  });

  it("keeps both of two simultaneous transfers, in a consistent chain", async () => {
    const incident = await declareRansomware(rt);
    const evidence = await addEvidence(rt, incident.id, diskImage(), operator);
    const seq = (await rt.incidents.timeline(incident.id)).length;
    await Promise.all([
      transferCustody(
        rt,
        incident.id,
        evidence.id,
        { to: "amara-okafor", reason: "lab" },
        operator,
      ),
      transferCustody(
        rt,
        incident.id,
        evidence.id,
        { to: "priya-natarajan", reason: "triage" },
        operator,
      ),
    ]);
    const [item] = await listEvidence(rt, incident.id, undefined);
    expect(item?.custody).toHaveLength(2);
    // Each hand-over starts where the previous one ended.
    expect(item?.custody[0]?.from_custodian).toBe("tomas-lindqvist");
    expect(item?.custody[1]?.from_custodian).toBe(item?.custody[0]?.to_custodian);
    expect(item?.custodian).toBe(item?.custody[1]?.to_custodian);
    expect(await kindsAfter(rt, incident.id, seq)).toEqual([
      "custody.transferred",
      "custody.transferred",
    ]);
    await expectIntact(rt, incident.id);
  });
});
