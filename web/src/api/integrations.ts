import { integrations } from "../../../src/contract/integrations";
import type { IntegrationKind } from "../../../src/domain/alert";
import { client } from "./client";

export type {
  CreatedIntegrationView,
  IntegrationView,
} from "../../../src/contract/integrations";

/** The monitors allowed to send alerts (`src/contract/integrations.ts`). */
export const integrationsApi = {
  list: (signal?: AbortSignal) =>
    client.call(integrations.list, {}, { signal }).then((page) => page.items),
  /** A new integration: its key is in this answer only. */
  create: (input: { kind: IntegrationKind; name: string; mapping?: Record<string, unknown> }) =>
    client.call(integrations.create, { body: input }),
  delete: (id: string) => client.call(integrations.delete, { params: { id } }),
};

/**
 * Where a sender posts, as an absolute URL: the server's public address when it has one, else
 * this page's origin (the address the admin reached the server at).
 */
export function receiverUrl(i: { url: string | null; endpoint: string }): string {
  return i.url ?? `${window.location.origin}${i.endpoint}`;
}
