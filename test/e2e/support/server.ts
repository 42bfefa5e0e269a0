import { createUser } from "../../../src/auth/user.service.js";
import { systemActor } from "../../../src/domain/actor.js";
import type { Runtime } from "../../../src/runtime.js";
import { type App, buildApp } from "../../../src/server/app.js";
import { TEST_DIALECTS } from "../../support/databases.js";
import { testRuntime } from "../../support/runtime.js";

export interface TestServer {
  rt: Runtime;
  app: App;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

export const RESPONDER = {
  email: "amara@example.org",
  name: "Amara Okafor",
  password: "Correct-horse-battery-1",
  person_id: "amara-okafor",
};

/**
 * The real server as `firebreak serve` runs it (sign-in enforced, the built web interface at
 * `/`) over a fresh SQLite database with the built-in library and one responder account.
 */
export async function startServer(): Promise<TestServer> {
  const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
  const rt = await testRuntime(sqlite);
  await createUser(rt, { ...RESPONDER, role: "admin" }, systemActor("test"));
  const app = await buildApp(rt, { logger: false });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    rt,
    app,
    base,
    close: async () => {
      await app.close();
      await rt.close();
    },
  };
}
