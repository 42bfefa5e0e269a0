import { describe, expectTypeOf, it } from "vitest";
import type { AlertEntities } from "../detection/alert.types.js";
import type { IngestResult } from "../detection/ingest.service.js";
import type { CreatedIntegration } from "../detection/integration.service.js";
import type { PolicyOutcome } from "../detection/policy/policy.service.js";
import type { AlertmanagerResult } from "../detection/receivers/alertmanager.js";
import type { PagerDutyAnswer } from "../detection/receivers/pagerduty.js";
import type { WebhookResult } from "../detection/receivers/webhook.js";
import type { EntitiesView, PolicyOutcomeView } from "./detection.js";
import type { IngestResultView } from "./events.js";
import type { CreatedIntegrationView, IntegrationView } from "./integrations.js";
import type {
  AlertmanagerAnswerView,
  PagerDutyAcceptedView,
  PagerDutyInvalidView,
  WebhookAnswerView,
} from "./receivers.js";

// What the detection use cases return is what the events, integration and receiver routes
// answer: a field or an action added on one side only fails the typecheck.
describe("detection contract", () => {
  it("answers entities and policy outcomes as detection makes them", () => {
    expectTypeOf<EntitiesView>().toEqualTypeOf<AlertEntities>();
    expectTypeOf<PolicyOutcomeView>().toEqualTypeOf<PolicyOutcome>();
  });

  it("answers an ingested batch as ingestion reports it", () => {
    expectTypeOf<IngestResultView>().toEqualTypeOf<IngestResult>();
  });

  it("answers integrations with where their sender posts, and the key only at creation", () => {
    // The route adds the absolute URL: only the server's settings know its public address.
    type Located = {
      [K in keyof CreatedIntegration | "url"]: K extends keyof CreatedIntegration
        ? CreatedIntegration[K]
        : string | null;
    };
    expectTypeOf<CreatedIntegrationView>().toEqualTypeOf<Located>();
    expectTypeOf<IntegrationView>().toEqualTypeOf<Omit<Located, "key">>();
  });

  it("answers each receiver's sender in the receiver's own terms", () => {
    expectTypeOf<PagerDutyAcceptedView>().toEqualTypeOf<
      Extract<PagerDutyAnswer, { status: 202 }>["body"]
    >();
    expectTypeOf<PagerDutyInvalidView>().toEqualTypeOf<
      Extract<PagerDutyAnswer, { status: 400 }>["body"]
    >();
    expectTypeOf<AlertmanagerAnswerView["alerts"][number]>().toEqualTypeOf<AlertmanagerResult>();
    expectTypeOf<WebhookAnswerView["results"][number]>().toEqualTypeOf<WebhookResult>();
  });
});
