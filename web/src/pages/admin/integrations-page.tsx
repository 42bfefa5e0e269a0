import { useState } from "react";
import { INTEGRATION_KINDS, type IntegrationKind } from "../../../../src/domain/alert";
import {
  type CreatedIntegrationView,
  type IntegrationView,
  integrationsApi,
  receiverUrl,
} from "../../api/integrations";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { choices, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { ShownOnce } from "../../components/shown-once";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { AdminOnly } from "./admin-only";

const KIND_LABEL: Record<IntegrationKind, string> = {
  pagerduty: "PagerDuty Events API v2",
  alertmanager: "Prometheus Alertmanager",
  webhook: "Generic JSON webhook",
  grafana: "Grafana alerting",
};

/** How a sender of each kind presents the key, said where the key is shown. */
const KEY_USE: Record<IntegrationKind, string> = {
  pagerduty:
    "Use it as the routing key (integration key) of a PagerDuty Events API v2 sender, posting to the URL below. PagerDuty change events (deploys) take the same key at the URL with /v2/change/enqueue instead of /v2/enqueue.",
  alertmanager:
    "In Alertmanager, a webhook_configs receiver with this URL and http_config.authorization.credentials set to the key.",
  webhook:
    "The sender posts JSON to this URL with the header Authorization: Bearer <key> (or X-Firebreak-Key: <key>).",
  grafana:
    "In Grafana, a Webhook contact point with this URL, method POST, and the key as the Authorization header's credentials (scheme Bearer).",
};

/** The JSON paths a generic webhook maps to alerts (receivers/mapping.ts); the rest by API. */
const MAPPING_FIELDS = [
  {
    key: "items",
    label: "List of alerts at",
    hint: "When one request carries several, e.g. alerts",
  },
  { key: "title", label: "Title at", hint: "Required, e.g. title or /alert/summary" },
  { key: "dedup_key", label: "Deduplication key at", hint: "Default: the title" },
  { key: "severity", label: "Severity at", hint: "Mapped to the plan's severities by level" },
  { key: "status", label: "Status at", hint: "The sender's word for firing / resolved" },
] as const;
type MappingKey = (typeof MAPPING_FIELDS)[number]["key"];

function CreateIntegration({ onCreated }: { onCreated: (i: CreatedIntegrationView) => void }) {
  const [kind, setKind] = useState<IntegrationKind>("alertmanager");
  const [name, setName] = useState("");
  const [mapping, setMapping] = useState<Record<MappingKey, string>>({
    items: "",
    title: "title",
    dedup_key: "",
    severity: "",
    status: "",
  });
  const { submit, busy, error } = useSubmit(async () => {
    const paths = Object.entries(mapping).filter(([, path]) => path.trim() !== "");
    const created = await integrationsApi.create({
      kind,
      name: name.trim(),
      ...(kind === "webhook"
        ? { mapping: Object.fromEntries(paths.map(([k, path]) => [k, path.trim()])) }
        : {}),
    });
    setName("");
    announce(`Integration ${created.name} created: copy its key now`);
    onCreated(created);
  });
  return (
    <form className="form panel admin-form" onSubmit={submit} aria-labelledby="in-create-title">
      <h2 id="in-create-title">Connect a monitor</h2>
      <div className="field-row">
        <SelectField
          id="in-kind"
          label="Kind"
          value={kind}
          onChange={(v) => setKind(v as IntegrationKind)}
          choices={choices(INTEGRATION_KINDS, (k) => KIND_LABEL[k])}
        />
        <TextField
          id="in-name"
          label="Name"
          hint="Which monitor this is: “prod Alertmanager”"
          required
          maxLength={200}
          value={name}
          onChange={setName}
        />
      </div>
      {kind === "webhook" && (
        <fieldset className="field-row">
          <legend>Where each alert's fields are in the sender's JSON</legend>
          {MAPPING_FIELDS.map((f) => (
            <TextField
              key={f.key}
              id={`in-map-${f.key}`}
              label={f.label}
              hint={f.hint}
              required={f.key === "title"}
              value={mapping[f.key]}
              onChange={(path) => setMapping({ ...mapping, [f.key]: path })}
            />
          ))}
        </fieldset>
      )}
      <ProblemMessage error={error} title="No integration was created" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>
          {busy ? "Creating…" : "Create integration"}
        </button>
      </div>
    </form>
  );
}

function IntegrationsList() {
  const list = useResource((signal) => integrationsApi.list(signal), []);
  // Last received changes while the page is open, as monitors send.
  usePolling(list.reload, 30_000);
  const [created, setCreated] = useState<CreatedIntegrationView>();
  const [deleting, setDeleting] = useState<IntegrationView>();

  return (
    <>
      <PageHeader title="Integrations">
        <p className="muted">
          Monitors that send alerts to Firebreak, each with its own key. Alerts arrive in the triage
          queue.
        </p>
      </PageHeader>
      <CreateIntegration
        onCreated={(i) => {
          setCreated(i);
          void list.reload();
        }}
      />
      {created && (
        <ShownOnce label={`Key of “${created.name}”`} value={created.key}>
          <p>{KEY_USE[created.kind]}</p>
          <p>
            Receiver URL: <code>{receiverUrl(created)}</code>
          </p>
        </ShownOnce>
      )}
      <h2>Connected monitors</h2>
      <ProblemMessage error={list.error} title="Could not load the integrations" />
      <DataTable
        rows={list.data}
        error={list.error}
        loading="Loading integrations"
        rowKey={(i) => i.id}
        caption="Integrations"
        scroll
        empty={
          <EmptyState title="No monitor is connected">
            <p>Connect one above; until then alerts come only from events and people.</p>
          </EmptyState>
        }
        columns={[
          { header: "Name", rowHeader: true, cell: (i) => i.name },
          { header: "Kind", cell: (i) => KIND_LABEL[i.kind] },
          {
            header: "Receiver URL",
            className: "receiver-url",
            cell: (i) => <code>{receiverUrl(i)}</code>,
          },
          { header: "Key", className: "key-hint", cell: (i) => <code>…{i.key_hint}</code> },
          {
            header: "Last received",
            cell: (i) => (i.last_received_at ? <RelativeTime at={i.last_received_at} /> : "never"),
          },
          { header: "Created", cell: (i) => <RelativeTime at={i.created_at} /> },
          {
            header: "Actions",
            hideHeader: true,
            cell: (i) => (
              <button
                type="button"
                className="button small"
                aria-label={`Delete ${i.name}`}
                onClick={() => setDeleting(i)}
              >
                Delete
              </button>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete “${deleting?.name ?? ""}”?`}
        confirm="Delete integration"
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          await integrationsApi.delete(deleting.id);
          announce(`Integration ${deleting.name} deleted`);
          if (created?.id === deleting.id) setCreated(undefined);
          await list.reload();
        }}
      >
        <p>
          Its key stops working at once: the monitor&apos;s alerts are refused until you connect it
          again with a new key. Alerts it already sent stay.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** Integrations: connect monitors (key shown once), see when each last sent, delete. */
export function IntegrationsPage() {
  return (
    <AdminOnly title="Integrations">
      <IntegrationsList />
    </AdminOnly>
  );
}
