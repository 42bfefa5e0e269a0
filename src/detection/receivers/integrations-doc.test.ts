import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { servedDetection } from "../../../test/support/detection.js";

/**
 * The examples in docs/integrations.md are requests the receivers take: each is read from the
 * page and sent with a real integration's key, so the page cannot drift from the code.
 */
const DOC = readFileSync(new URL("../../../docs/integrations.md", import.meta.url), "utf8");

/** The first fenced block of `lang` after the heading `heading`. */
function example(heading: string, lang: string): string {
  const section = DOC.slice(DOC.indexOf(`### ${heading}\n`));
  const block = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
  if (!block) throw new Error(`no ${lang} example under "${heading}" in docs/integrations.md`);
  return block;
}

describe("the examples of docs/integrations.md", () => {
  const served = servedDetection(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    for (const kind of ["alertmanager", "grafana"]) {
      const res = await served.app.inject({
        method: "POST",
        url: "/api/v1/integrations",
        payload: { kind, name: `${kind} from the docs` },
      });
      keys[kind] = res.json().key;
    }
  });
  const send = (kind: string, body: string) =>
    served.app.inject({
      method: "POST",
      url: `/api/v1/integrations/${kind}`,
      headers: { authorization: `Bearer ${keys[kind]}`, "content-type": "application/json" },
      payload: body,
    });

  it("Alertmanager: the curl example's body opens an alert, and sent again does not count", async () => {
    const curl = example("Prometheus Alertmanager", "sh");
    const body = /-d '([\s\S]*)'/.exec(curl)?.[1] as string;
    expect(JSON.parse(body).version).toBe("4");
    for (const action of ["opened", "updated"]) {
      const res = await send("alertmanager", body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().alerts[0]).toMatchObject({ fingerprint: "c6a4e1b2f0d3a9e8", action });
    }
    const [alert] = (await served.app.inject("/api/v1/alerts?q=c6a4e1b2f0d3a9e8")).json().items;
    expect(alert).toMatchObject({ count: 1, source: "alertmanager" });
  });

  it("Grafana: the payload shown opens an alert", async () => {
    const body = example("Grafana alerting", "json");
    const res = await send("grafana", body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().alerts[0]).toMatchObject({
      fingerprint: "c6eadffa33fcdf37",
      action: "opened",
    });
  });
});
