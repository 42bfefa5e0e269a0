import { useMemo, useState } from "react";
import { sessionApi } from "../../api/session";
import { SelectField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useSubmit } from "../../hooks/use-submit";
import { effectiveTimeZone } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { useSession } from "../../session-context";

/** The zones this browser knows, for the picker (UTC first: it is not in every list). */
function knownZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

/** The signed-in user's own settings: the time zone every time in the web is shown in. */
export function AccountPage() {
  const { session, replaceUser } = useSession();
  const organisation = useCurrentPlan().data?.body.organisation?.time_zone;
  const user = session?.user;
  const [zone, setZone] = useState(user?.time_zone ?? "");
  const zones = useMemo(knownZones, []);
  const { submit, busy, error } = useSubmit(async () => {
    const updated = await sessionApi.updateOwnSettings({ time_zone: zone || null });
    replaceUser(updated);
    announce(`Times are now shown in ${effectiveTimeZone(updated.time_zone, organisation)}`);
  });

  if (!user)
    return (
      <>
        <PageHeader title="Your account" />
        <p>The local operator has no account: times are shown in the organisation's zone.</p>
      </>
    );

  const orgChoice = `The organisation's (${effectiveTimeZone(null, organisation)})`;
  return (
    <>
      <PageHeader title="Your account">
        <p className="muted">
          {user.name} · {user.email} · {session.role}
        </p>
      </PageHeader>
      <form className="form panel" onSubmit={submit} aria-labelledby="acct-zone-title">
        <h2 id="acct-zone-title">Time zone</h2>
        <SelectField
          id="acct-zone"
          label="Show times in"
          hint={
            <>
              Every date and time in Firebreak is shown in this zone; hover one to see it in UTC.
              Now: <DateTime at={new Date().toISOString()} />
            </>
          }
          value={zone}
          onChange={setZone}
          none={orgChoice}
          choices={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
        />
        <ProblemMessage error={error} title="The time zone was not changed" />
        <div className="form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={busy || zone === (user.time_zone ?? "")}
          >
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
      <p>
        <Link to="/account/tokens">Your API tokens</Link>
      </p>
    </>
  );
}
