import { useState } from "react";
import { ROLES, type Role } from "../../../../src/domain/access-roles";
import { type UserView, usersApi } from "../../api/users";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { DataTable } from "../../components/data-table";
import { Dialog } from "../../components/dialog";
import { choices, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { ShownOnce } from "../../components/shown-once";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { AdminOnly } from "./admin-only";
import { usePlanPeople } from "./plan-people";

const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin: everything, users and settings included",
  responder: "Responder: declares and works incidents",
  observer: "Observer: reads only",
};
const roleChoices = choices(ROLES, (r) => ROLE_LABEL[r]);

/** A one-time link the page shows after inviting someone or resetting their password. */
interface ShownLink {
  label: string;
  link: string;
  expires_at: string;
  what: string;
}

type People = ReturnType<typeof usePlanPeople>;

function InviteForm({ people, onDone }: { people: People; onDone: (l: ShownLink) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("responder");
  const [person, setPerson] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    const made = await usersApi.invite({
      name: name.trim(),
      email: email.trim(),
      role,
      person_id: person || null,
    });
    announce(`Invited ${made.user.name}: copy the link now`);
    onDone({
      label: `Invitation link for ${made.user.name}`,
      link: made.link,
      expires_at: made.expires_at,
      what: `Give it to ${made.user.name} (${made.user.email}) yourself: they open it, choose a password and are signed in. Anyone with the link can do that, so send it the way you would a password.`,
    });
  });
  return (
    <form className="form" onSubmit={submit}>
      <TextField
        id="inv-name"
        label="Name"
        required
        maxLength={200}
        value={name}
        onChange={setName}
      />
      <TextField
        id="inv-email"
        label="E-mail address"
        type="email"
        required
        autoComplete="off"
        value={email}
        onChange={setEmail}
      />
      <SelectField
        id="inv-role"
        label="Role"
        value={role}
        onChange={(v) => setRole(v as Role)}
        choices={roleChoices}
      />
      <SelectField
        id="inv-person"
        label="Person in the plan"
        hint="Who they are in the plan's team: incidents then know them as that person."
        value={person}
        onChange={setPerson}
        none="Not linked"
        choices={people.choices}
      />
      <ProblemMessage error={error} title="Nobody was invited" />
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={busy || !name.trim() || !email.trim()}
        >
          {busy ? "Inviting…" : "Invite"}
        </button>
      </div>
    </form>
  );
}

function EditForm({
  user,
  people,
  onDone,
}: {
  user: UserView;
  people: People;
  onDone: (u: UserView) => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [person, setPerson] = useState(user.person_id ?? "");
  const { submit, busy, error } = useSubmit(async () => {
    // Only what changed: any role in the request, even the same one, ends their sessions.
    const updated = await usersApi.update(user.id, {
      ...(role !== user.role ? { role } : {}),
      ...((person || null) !== user.person_id ? { person_id: person || null } : {}),
    });
    announce(`${updated.name} updated`);
    onDone(updated);
  });
  return (
    <form className="form" onSubmit={submit}>
      <SelectField
        id="ed-role"
        label="Role"
        hint={role !== user.role ? "A new role signs them out everywhere." : undefined}
        value={role}
        onChange={(v) => setRole(v as Role)}
        choices={roleChoices}
      />
      <SelectField
        id="ed-person"
        label="Person in the plan"
        value={person}
        onChange={setPerson}
        none="Not linked"
        choices={people.choices}
      />
      <ProblemMessage error={error} title="Not changed" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}

type Pending = { action: "disable" | "reset"; user: UserView };

function UsersList() {
  const list = useResource((signal) => usersApi.list(signal), []);
  const people = usePlanPeople();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<UserView>();
  const [pending, setPending] = useState<Pending>();
  const [shown, setShown] = useState<ShownLink>();
  const [failed, setFailed] = useState<unknown>();

  const replace = (u: UserView) => list.setData((all) => all?.map((x) => (x.id === u.id ? u : x)));

  const enable = async (u: UserView) => {
    setFailed(undefined);
    try {
      replace(await usersApi.update(u.id, { disabled: false }));
      announce(`${u.name} enabled`);
    } catch (e) {
      setFailed(e);
    }
  };

  return (
    <>
      <PageHeader
        title="Users"
        actions={
          <button type="button" className="button primary" onClick={() => setInviting(true)}>
            Invite a user
          </button>
        }
      >
        <p className="muted">
          Who may sign in, with which role, and who each is in the plan&apos;s team.
        </p>
      </PageHeader>
      {shown && (
        <ShownOnce label={shown.label} value={shown.link} expiresAt={shown.expires_at}>
          <p>{shown.what}</p>
        </ShownOnce>
      )}
      <ProblemMessage error={list.error ?? failed} title="Users" />
      <DataTable
        rows={list.data}
        error={list.error}
        loading="Loading users"
        rowKey={(u) => u.id}
        caption="Users"
        rowClassName={(u) => (u.disabled ? "muted" : undefined)}
        columns={[
          { header: "Name", rowHeader: true, cell: (u) => u.name },
          { header: "E-mail", cell: (u) => u.email },
          { header: "Role", cell: (u) => u.role },
          {
            header: "Person in the plan",
            cell: (u) =>
              u.person_id ? people.nameOf(u.person_id) : <span className="muted">—</span>,
          },
          { header: "State", cell: (u) => (u.disabled ? "Disabled" : "Active") },
          {
            header: "Last sign-in",
            cell: (u) => (u.last_sign_in_at ? <RelativeTime at={u.last_sign_in_at} /> : "never"),
          },
          {
            header: "Actions",
            hideHeader: true,
            cell: (u) => (
              <div className="row-actions">
                <button
                  type="button"
                  className="button small"
                  aria-label={`Change ${u.name}`}
                  onClick={() => setEditing(u)}
                >
                  Change
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Reset password of ${u.name}`}
                  onClick={() => setPending({ action: "reset", user: u })}
                >
                  Reset password
                </button>
                {u.disabled ? (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Enable ${u.name}`}
                    onClick={() => void enable(u)}
                  >
                    Enable
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Disable ${u.name}`}
                    onClick={() => setPending({ action: "disable", user: u })}
                  >
                    Disable
                  </button>
                )}
              </div>
            ),
          },
        ]}
      />
      <Dialog open={inviting} title="Invite a user" onClose={() => setInviting(false)}>
        <InviteForm
          people={people}
          onDone={(link) => {
            setInviting(false);
            setShown(link);
            void list.reload();
          }}
        />
      </Dialog>
      <Dialog
        open={editing !== undefined}
        title={`Change ${editing?.name ?? ""}`}
        onClose={() => setEditing(undefined)}
      >
        {editing && (
          <EditForm
            user={editing}
            people={people}
            onDone={(u) => {
              replace(u);
              setEditing(undefined);
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={pending?.action === "disable"}
        title={`Disable ${pending?.user.name ?? ""}?`}
        confirm="Disable user"
        onClose={() => setPending(undefined)}
        onConfirm={async () => {
          if (!pending) return;
          replace(await usersApi.update(pending.user.id, { disabled: true }));
          announce(`${pending.user.name} disabled`);
        }}
      >
        <p>
          They are signed out everywhere and their API tokens stop working. You can enable them
          again later.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.action === "reset"}
        title={`Reset the password of ${pending?.user.name ?? ""}?`}
        confirm="Make a reset link"
        onClose={() => setPending(undefined)}
        onConfirm={async () => {
          if (!pending) return;
          const { user } = pending;
          const made = await usersApi.passwordLink(user.id);
          announce(`Password link for ${user.name}: copy it now`);
          setShown({
            label: `Password link for ${user.name}`,
            link: made.link,
            expires_at: made.expires_at,
            what: `Give it to ${user.name} (${user.email}): they choose a new password there. Their current password keeps working until they do; older reset links stop working now.`,
          });
        }}
      >
        <p>
          This makes a one-time link, valid for a day, where they choose a new password. Older
          unused reset links for them stop working.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** Users: invite by one-time link, change role and plan person, disable, reset a password. */
export function UsersPage() {
  return (
    <AdminOnly title="Users">
      <UsersList />
    </AdminOnly>
  );
}
