import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { documentsApi, type PlanBody, type StoredDocument } from "./api/documents";
import { type Resource, useResource } from "./hooks/use-resource";

type PlanResource = Resource<StoredDocument<PlanBody>>;

const PlanContext = createContext<PlanResource | undefined>(undefined);

/**
 * The plan in force, loaded once for every screen (severity names and order, roles, team,
 * incident types); reloaded after an upload.
 */
export function PlanProvider({ children }: { children: ReactNode }) {
  const plan = useResource((signal) => documentsApi.currentPlan(signal), []);
  return <PlanContext.Provider value={plan}>{children}</PlanContext.Provider>;
}

export function useCurrentPlan(): PlanResource {
  const plan = useContext(PlanContext);
  if (!plan) throw new Error("useCurrentPlan outside PlanProvider");
  return plan;
}

const pinned = new Map<string, Promise<StoredDocument<PlanBody>>>();

/**
 * The plan version an incident was declared under (its names and roles are the ones that apply
 * to it); the plan in force while that version loads, or if it cannot be read.
 */
export function usePinnedPlan(planId: string | undefined, version: number | undefined) {
  const current = useCurrentPlan().data;
  const [doc, setDoc] = useState<StoredDocument<PlanBody> | undefined>(undefined);
  const isCurrent = current && current.id === planId && current.version === version;

  useEffect(() => {
    if (!planId || !version || isCurrent) return;
    const key = `${planId}@${version}`;
    let request = pinned.get(key);
    if (!request) {
      request = documentsApi.planVersion(planId, version);
      pinned.set(key, request);
      request.catch(() => pinned.delete(key));
    }
    let live = true;
    request.then((d) => live && setDoc(d)).catch(() => {});
    return () => {
      live = false;
    };
  }, [planId, version, isCurrent]);

  if (isCurrent) return current.body;
  return doc && doc.id === planId && doc.version === version ? doc.body : current?.body;
}
