import { Fragment, type ReactNode } from "react";
import { Loading } from "./components/loading";
import { effectiveTimeZone, setDisplayTimeZone } from "./lib/time";
import { useCurrentPlan } from "./plan-context";
import { useSession } from "./session-context";

/**
 * Puts every time on the page in the signed-in user's zone: their own (`/account`), else the
 * organisation's from the plan in force, else UTC. The zone is set before the screens render,
 * and a change of it renders them afresh (the key), so no time stays in the old zone.
 */
export function DisplayZoneProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const plan = useCurrentPlan();
  const own = session?.user?.time_zone;
  // Without a zone of their own, the user's zone is the plan's: wait for it (the screens need the
  // plan anyway) rather than draw every screen in UTC and again a moment later.
  if (!own && plan.loading && plan.data === undefined) return <Loading what="Starting Firebreak" />;
  const zone = effectiveTimeZone(own, plan.data?.body.organisation?.time_zone);
  setDisplayTimeZone(zone);
  return <Fragment key={zone}>{children}</Fragment>;
}
