import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  allows,
  GUARDED_PERMISSIONS,
  grantableScopes,
  MATRIX,
  matrixMarkdown,
} from "./permissions.matrix.js";

const DOC = new URL("../../docs/security.md", import.meta.url);

describe("the permission matrix", () => {
  it("is the table docs/security.md shows", () => {
    const doc = readFileSync(DOC, "utf8");
    const table = /<!-- matrix:start[^>]*-->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(doc)?.[1];
    expect(table, "docs/security.md lost its matrix markers").toBeDefined();
    expect(table).toBe(matrixMarkdown());
  });

  it("gives admins everything and observers no change but their own credentials", () => {
    for (const p of Object.keys(MATRIX) as (keyof typeof MATRIX)[]) {
      expect(allows("admin", undefined, p)).toBe(true);
      if (!p.endsWith(":read") && !["self", "tokens:write"].includes(p))
        expect(allows("observer", undefined, p), p).toBe(false);
    }
  });

  it("narrows a role by its token's scope and never grants more than the creator holds", () => {
    expect(allows("admin", "read", "incidents:write")).toBe(false);
    expect(allows("admin", "ingest", "incidents:read")).toBe(false);
    expect(allows("responder", "ingest", "events:ingest")).toBe(true);
    // An ingest token sends events and nothing else: no triage, no suppression, no reading.
    for (const p of GUARDED_PERMISSIONS)
      expect(allows("admin", "ingest", p), p).toBe(p === "events:ingest");
    expect(allows("observer", "write", "incidents:write")).toBe(false);
    expect(allows("responder", undefined, "public")).toBe(true);
    expect(allows("admin", undefined, "no-such" as never)).toBe(false);
    expect(grantableScopes("observer")).toEqual(["read"]);
    expect(grantableScopes("responder", "read")).toEqual([]);
    expect(grantableScopes("admin", "write")).toEqual(["read", "write", "ingest"]);
  });
});
