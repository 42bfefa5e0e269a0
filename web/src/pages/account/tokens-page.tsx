import { useState } from "react";
import { scopesFor, type TokenScope } from "../../../../src/domain/access-roles";
import { type NewTokenInput, type TokenView, tokensApi } from "../../api/tokens";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { choices, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { ShownOnce } from "../../components/shown-once";
import { useNow } from "../../hooks/use-now";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { useSession } from "../../session-context";

const SCOPE_LABEL: Record<TokenScope, string> = {
  read: "read: reads what you may read",
  write: "write: also changes what your role may change",
  ingest: "ingest: only sends events and alerts (log shippers)",
};

const LIFETIMES = [
  { value: "P30D", label: "30 days" },
  { value: "P90D", label: "90 days" },
  { value: "P365D", label: "1 year" },
  { value: "P730D", label: "2 years (the longest)" },
];

type Created = Awaited<ReturnType<typeof tokensApi.create>>;

function CreateToken({ onCreated }: { onCreated: (t: Created) => void }) {
  const { session } = useSession();
  const scopes = scopesFor(session?.role ?? "observer");
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read");
  const [expires, setExpires] = useState("P90D");
  const { submit, busy, error } = useSubmit(async () => {
    const input: NewTokenInput = { name: name.trim(), scope, expires_in: expires };
    onCreated(await tokensApi.create(input));
    setName("");
    announce(`Token ${input.name} created: copy it now`);
  });
  return (
    <form className="form panel admin-form" onSubmit={submit} aria-labelledby="tk-create-title">
      <h2 id="tk-create-title">Create a token</h2>
      <div className="field-row">
        <TextField
          id="tk-name"
          label="Name"
          hint="What uses it, so you know which to revoke: “SIEM export”, “deploy script”"
          required
          maxLength={200}
          value={name}
          onChange={setName}
        />
        <SelectField
          id="tk-scope"
          label="Scope"
          hint={scopes.length === 1 ? "Observers' tokens only read." : undefined}
          value={scope}
          onChange={(v) => setScope(v as TokenScope)}
          choices={choices(scopes, (s) => SCOPE_LABEL[s])}
        />
        <SelectField
          id="tk-expires"
          label="Expires after"
          value={expires}
          onChange={setExpires}
          choices={LIFETIMES}
        />
      </div>
      <ProblemMessage error={error} title="No token was created" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>
          {busy ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

function state(t: TokenView, now: Date): string {
  if (t.revoked_at) return "Revoked";
  if (t.expires_at && Date.parse(t.expires_at) <= now.getTime()) return "Expired";
  return "Active";
}

/** The signed-in user's API tokens: create one (shown once), see when each was used, revoke. */
export function TokensPage() {
  const now = useNow();
  const list = useResource((signal) => tokensApi.mine(signal), []);
  const [created, setCreated] = useState<Created>();
  const [revoking, setRevoking] = useState<TokenView>();

  const onCreated = (t: Created) => {
    setCreated(t);
    void list.reload();
  };

  return (
    <>
      <PageHeader title="API tokens">
        <p className="muted">
          A token lets a script or tool call the API as you: send it as{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. It never holds more than your role, and
          its scope can narrow it further.
        </p>
      </PageHeader>
      <CreateToken onCreated={onCreated} />
      {created && (
        <ShownOnce
          label={`Token “${created.name}”`}
          value={created.token}
          expiresAt={created.expires_at ?? undefined}
        >
          <p>Only its fingerprint is kept: if you lose it, revoke it and create another.</p>
        </ShownOnce>
      )}
      <h2>Your tokens</h2>
      <ProblemMessage error={list.error} title="Could not load your tokens" />
      <DataTable
        rows={list.data}
        error={list.error}
        loading="Loading your tokens"
        rowKey={(t) => t.id}
        caption="Your API tokens"
        empty={<EmptyState title="You have no API tokens" />}
        rowClassName={(t) => (state(t, now) === "Active" ? undefined : "muted")}
        columns={[
          { header: "Name", rowHeader: true, cell: (t) => t.name },
          { header: "Scope", cell: (t) => t.scope },
          { header: "Starts with", cell: (t) => <code>{t.prefix}…</code> },
          { header: "Created", cell: (t) => <RelativeTime at={t.created_at} /> },
          {
            header: "Expires",
            cell: (t) => (t.expires_at ? <RelativeTime at={t.expires_at} /> : "never"),
          },
          {
            header: "Last used",
            cell: (t) => (t.last_used_at ? <RelativeTime at={t.last_used_at} /> : "never"),
          },
          { header: "State", cell: (t) => state(t, now) },
          {
            header: "Actions",
            hideHeader: true,
            cell: (t) =>
              state(t, now) === "Active" && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => setRevoking(t)}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirm="Revoke token"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await tokensApi.revoke(revoking.id);
          announce(`Token ${revoking.name} revoked`);
          await list.reload();
        }}
      >
        <p>Anything that calls the API with it is refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
