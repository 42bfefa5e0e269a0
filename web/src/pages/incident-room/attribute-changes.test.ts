import { describe, expect, it } from "vitest";
import type { AttributeDefinition } from "../../api/documents";
import { changedAttributes } from "./attribute-changes";

const defs = [
  { id: "personal_data", type: "boolean", description: "" },
  { id: "records_affected", type: "number", description: "" },
  { id: "region", type: "string", description: "" },
  { id: "affected_services", type: "string_list", description: "" },
] as AttributeDefinition[];

describe("the attributes an edit changes", () => {
  it("sends only what changed, typed as the plan declares", () => {
    const current = { personal_data: false, records_affected: 10, affected_services: ["mail"] };
    expect(
      changedAttributes(defs, current, {
        personal_data: true,
        records_affected: "10",
        region: "",
        affected_services: "mail, portal",
      }),
    ).toEqual({ personal_data: true, affected_services: ["mail", "portal"] });
  });

  it("unticks a ticked box as false, and leaves untouched blanks and emptied numbers alone", () => {
    const current = { personal_data: true, records_affected: 10 };
    expect(
      changedAttributes(defs, current, {
        personal_data: false,
        records_affected: "",
        region: "",
        affected_services: "",
      }),
    ).toEqual({ personal_data: false });
    expect(changedAttributes(defs, {}, { personal_data: false, region: "" })).toEqual({});
  });
});
