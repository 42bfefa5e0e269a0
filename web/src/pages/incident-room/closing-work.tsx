import type { ClosingObligation } from "../../../../src/domain/incident/closing-obligation";
import { OBLIGATIONS } from "../../lib/plan-rules";
import { setSearch } from "../../router";
import { ROOM_TABS } from "./room-tabs";

interface Props {
  /** What the plan requires at the incident's severity. */
  required: ClosingObligation[];
  /** After a refusal: what the server found not on record. Before one, unknown. */
  missing: ClosingObligation[] | undefined;
  severity: string;
  /** Following a link closes the dialog. */
  onLeave: () => void;
}

/**
 * The post-incident work the plan requires before closing, each named with what meets it and a
 * link to the tab where it is done; after a refusal, which of them are not on record yet.
 */
export function ClosingWork({ required, missing, severity, onLeave }: Props) {
  const shown = [...new Set([...required, ...(missing ?? [])])];
  if (shown.length === 0) return null;
  const refused = missing !== undefined && missing.length > 0;
  return (
    <section className={refused ? "gate-error" : "notice"} aria-labelledby="closing-work">
      <p className="problem-title" id="closing-work">
        {refused
          ? "Post-incident work not on record yet"
          : `Before an incident at ${severity} closes, the plan requires`}
      </p>
      <ul className="obligations">
        {shown.map((o) => {
          const { name, todo, tab } = OBLIGATIONS[o];
          const state =
            missing === undefined ? undefined : missing.includes(o) ? "Missing" : "Done";
          return (
            <li key={o}>
              {state && <span className="state">{state}: </span>}
              <a
                href={`?tab=${tab}`}
                onClick={(e) => {
                  e.preventDefault();
                  onLeave();
                  setSearch({ tab });
                }}
              >
                {name}
              </a>{" "}
              — {todo} <span className="muted">({ROOM_TABS[tab]} tab)</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
