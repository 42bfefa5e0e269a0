import { describe, expect, it } from "vitest";
import { incidentHarnessPerFile } from "../../../test/support/http-harness.js";
import { declareRansomware } from "../../../test/support/response-helpers.js";

const DIGEST = "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE";

describe("evidence, indicator and asset routes", () => {
  const h = incidentHarnessPerFile();

  it("records evidence and its chain of custody; refuses a malformed SHA-256", async () => {
    const created = await h.send("POST", `${h.base}/evidence`, {
      name: "Ransom note",
      sha256: DIGEST,
      size: 1234,
      location: "s3://ir-evidence/INC/ransom-note.txt",
      acquired_by: "tomas-lindqvist",
    });
    expect(created.statusCode, created.body).toBe(201);
    const evidence = created.json();
    expect(evidence).toMatchObject({
      sha256: DIGEST.toLowerCase(),
      custodian: "tomas-lindqvist",
      custody: [],
    });

    const bad = await h.expectRefused(
      () =>
        h.send("POST", `${h.base}/evidence`, {
          ...evidence,
          id: undefined,
          incident_id: undefined,
          created_at: undefined,
          custodian: undefined,
          custody: undefined,
          file_stored: undefined,
          downloads: undefined,
          sha256: "not-a-digest",
        }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toMatch(/sha256 must be 64 hexadecimal characters/);
    expect(bad.errors).toEqual([{ message: "not a SHA-256 digest", path: "sha256" }]);
    await h.expectRefused(
      () =>
        h.send("POST", `${h.base}/evidence`, {
          name: "x",
          sha256: DIGEST,
          size: -5,
          location: "l",
          acquired_by: "a",
        }),
      400,
      "invalid_input",
    );

    const moved = await h.send("POST", `${h.base}/evidence/${evidence.id}/transfers`, {
      to: "amara-okafor",
      reason: "lab analysis",
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json().custody).toMatchObject([
      { from_custodian: "tomas-lindqvist", to_custodian: "amara-okafor" },
    ]);
    await h.expectRefused(
      () =>
        h.send("POST", `${h.base}/evidence/${evidence.id}/transfers`, {
          to: "amara-okafor",
          reason: "again",
        }),
      400,
      "invalid_input",
    );
    await h.expectRefused(
      () => h.send("POST", `${h.base}/evidence/nope/transfers`, { to: "x", reason: "y" }),
      404,
      "not_found",
    );

    const list = (await h.get(`${h.base}/evidence`)).json();
    expect(list).toMatchObject({
      items: [{ id: evidence.id, custodian: "amara-okafor" }],
      next_cursor: null,
    });
    expect((await h.get(`${h.base}/evidence/${evidence.id}`)).json().custody).toHaveLength(1);
  });

  it("adds indicators once, refuses a bad IP, and finds them across incidents", async () => {
    const first = await h.send("POST", `${h.base}/indicators`, {
      type: "ip",
      value: "198.51.100[.]23",
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ value: "198.51.100.23", created: true });
    const again = await h.send("POST", `${h.base}/indicators`, {
      type: "ip",
      value: "198.51.100.23",
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, created: false });

    const bad = await h.expectRefused(
      () => h.send("POST", `${h.base}/indicators`, { type: "ip", value: "300.1.2.3" }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toBe("'300.1.2.3' is not an IPv4 or IPv6 address");
    await h.expectRefused(
      () => h.send("POST", `${h.base}/indicators`, { type: "colour", value: "red" }),
      400,
      "invalid_input",
    );
    const batch = await h.expectRefused(
      () =>
        h.send("POST", `${h.base}/indicators/batch`, {
          items: [
            { type: "domain", value: "evil.example" },
            { type: "sha1", value: "xyz" },
          ],
        }),
      400,
      "invalid_input",
    );
    expect(batch.errors).toEqual([expect.objectContaining({ path: "items[1].value" })]);

    const added = await h.send("POST", `${h.base}/indicators/batch`, {
      items: [
        { type: "domain", value: "evil[.]example" },
        { type: "ip", value: "198.51.100.23" },
      ],
    });
    expect(added.json().items.map((i: { created: boolean }) => i.created)).toEqual([true, false]);
    expect((await h.get(`${h.base}/indicators`)).json().items).toHaveLength(2);

    const other = await declareRansomware(h.rt, "Another one");
    await h.send("POST", `/api/v1/incidents/${other.id}/indicators`, {
      type: "domain",
      value: "EVIL.example",
    });
    const seen = (await h.get("/api/v1/indicators?value=evil%5B.%5Dexample")).json();
    expect(
      seen.items.map((s: { incident: { human_id: string } }) => s.incident.human_id).sort(),
    ).toEqual([h.incident.human_id, other.human_id].sort());
    expect((await h.get("/api/v1/indicators?value=evil.example&type=ip")).statusCode).toBe(400);
  });

  it("upserts assets by name; refuses an unknown status", async () => {
    const res = await h.send("PUT", `${h.base}/assets`, {
      assets: [{ name: "FS01", kind: "server", status: "compromised" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    await h.send("PUT", `${h.base}/assets`, {
      assets: [{ name: "fs01", status: "contained", note: "EDR isolation" }],
    });
    expect((await h.get(`${h.base}/assets`)).json().items).toMatchObject([
      { name: "FS01", status: "contained", kind: "server" },
    ]);
    await h.expectRefused(
      () => h.send("PUT", `${h.base}/assets`, { assets: [{ name: "FS01", status: "on_fire" }] }),
      400,
      "invalid_input",
    );
  });

  it("put every change on the timeline, and the chain still verifies", async () => {
    await h.expectRecorded([
      "evidence.added",
      "custody.transferred",
      "indicator.added",
      "asset.updated",
    ]);
  });
});
