import { documentsApi } from "../../api/documents";
import type { Choice } from "../../components/fields";
import { useResource } from "../../hooks/use-resource";
import { useCurrentPlan } from "../../plan-context";

interface PlanPerson {
  id: string;
  name: string;
}

/**
 * The people a user may be linked to: the team of the plan in force and of its newest draft (the
 * server accepts both, so a user can be linked to someone the first-run checklist has only just
 * added). `nameOf` names a linked person; `choices` offers them, the draft's newcomers marked.
 */
export function usePlanPeople() {
  const current = useCurrentPlan().data;
  const draft = useResource(
    async (signal) => {
      if (!current) return undefined;
      const [newest] = await documentsApi.versions("plan", current.id, signal);
      if (!newest || newest.in_force || newest.version <= current.version) return undefined;
      return documentsApi.planVersion(current.id, newest.version, signal);
    },
    [current?.id, current?.version],
  );
  const inForce: PlanPerson[] = current?.body.team ?? [];
  const known = new Set(inForce.map((p) => p.id));
  const drafted: PlanPerson[] = (draft.data?.body.team ?? []).filter((p) => !known.has(p.id));
  const names = new Map([...inForce, ...drafted].map((p) => [p.id, p.name]));
  const choices: Choice[] = [
    ...inForce.map((p) => ({ value: p.id, label: p.name })),
    ...drafted.map((p) => ({ value: p.id, label: `${p.name} (in the draft plan)` })),
  ];
  return {
    choices,
    /** The person's name, or their id when neither plan has them any more. */
    nameOf: (id: string) => names.get(id) ?? id,
  };
}
