// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template-like text is what is under test.
import { describe, expect, it } from "vitest";
import { renderPlaceholders, unknownPlaceholders } from "./placeholders.js";

describe("placeholders", () => {
  it("fills known names, tolerates spaces, and renders missing ones empty", () => {
    const r = renderPlaceholders("**{{incident.id}}** — {{ incident.title }}: {{update.impact}}.", {
      "incident.id": "INC-2026-0001",
      "incident.title": "Files encrypted",
    });
    expect(r.text).toBe("**INC-2026-0001** — Files encrypted: .");
    expect(r.missing).toEqual(["update.impact"]);
  });

  it("never evaluates anything: values are inserted verbatim, expressions are left alone", () => {
    const r = renderPlaceholders("{{ 1 + 1 }} {{constructor}} {{a}}", {
      a: "{{incident.id}} ${process.exit()}",
    });
    expect(r.text).toBe("{{ 1 + 1 }}  {{incident.id}} ${process.exit()}");
    expect(r.missing).toEqual(["constructor"]);
  });

  it("reports placeholders the renderer does not know, once each", () => {
    expect(
      unknownPlaceholders(
        "{{incident.title}} {{incident.owner}} {{update.eta}} {{incident.owner}}",
      ),
    ).toEqual(["incident.owner", "update.eta"]);
    expect(unknownPlaceholders("{{update.next_update}}")).toEqual([]);
  });
});
