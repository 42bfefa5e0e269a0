import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("integrations: where senders post", () => {
  const served = appPerFile(sqlite, { auth: "trust-local" });

  const create = async (app: typeof served.app) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      payload: { kind: "alertmanager", name: "prod alertmanager" },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it("has no absolute URL without FIREBREAK_PUBLIC_URL, and nothing received yet", async () => {
    const created = await create(served.app);
    expect(created).toMatchObject({
      endpoint: "/api/v1/integrations/alertmanager",
      url: null,
      last_received_at: null,
    });
    const listed = (await served.app.inject("/api/v1/integrations")).json().items;
    expect(listed.find((i: { id: string }) => i.id === created.id)).toMatchObject({ url: null });
  });

  it("answers the receiver's URL at the public address, on creation and in the list", async () => {
    const config = { ...served.rt.config, publicUrl: "https://firebreak.example.org/" };
    const app = await buildApp({ ...served.rt, config }, { logger: false, auth: "trust-local" });
    try {
      const created = await create(app);
      const url = "https://firebreak.example.org/api/v1/integrations/alertmanager";
      expect(created.url).toBe(url);
      const listed = (await app.inject("/api/v1/integrations")).json().items;
      expect(listed.find((i: { id: string }) => i.id === created.id)).toMatchObject({ url });
    } finally {
      await app.close();
    }
  });
});
