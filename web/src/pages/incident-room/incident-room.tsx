import { useCallback, useRef, useState } from "react";
import { isActive, phaseAfter } from "../../../../src/domain/incident/phase";
import { ApiError } from "../../api/client";
import { clocksApi } from "../../api/comms";
import type { Task, TimelineEntry } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useShortcuts } from "../../hooks/use-shortcuts";
import { actorName, phaseLabel } from "../../lib/labels";
import { describeEntry } from "../../lib/timeline-text";
import { usePinnedPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";
import { useSession } from "../../session-context";
import { AddTaskDialog } from "./add-task-dialog";
import { AssetsPanel } from "./assets-panel";
import { AttributesDialog } from "./attributes-dialog";
import { ChangesPanel } from "./changes-panel";
import { ClocksPanel, nextDeadline } from "./clocks-panel";
import { CommsPanel } from "./comms-panel";
import { EvidencePanel } from "./evidence-panel";
import { ExportMenu } from "./export-menu";
import { IndicatorsPanel } from "./indicators-panel";
import { MergeDialog } from "./merge-dialog";
import { NoteComposer } from "./note-composer";
import { PeoplePanel } from "./people-panel";
import { type PhaseAction, PhaseDialog } from "./phase-dialog";
import { PhaseTrack } from "./phase-track";
import { PostIncidentPanel } from "./post-incident-panel";
import { ReclassifyDialog } from "./reclassify-dialog";
import { ReportsPanel } from "./reports-panel";
import { RoomHeader } from "./room-header";
import { RoomTabs, roomTab } from "./room-tabs";
import { TaskList } from "./task-list";
import { TechniquesPanel } from "./techniques-panel";
import { Timeline } from "./timeline";
import { useRoom } from "./use-room";

const FRESH_MS = 4000;

/** Moves keyboard focus to the next or previous task's checkbox. */
function moveTaskFocus(step: 1 | -1) {
  const boxes = [...document.querySelectorAll<HTMLInputElement>(".task-check")];
  if (boxes.length === 0) return;
  const at = boxes.indexOf(document.activeElement as HTMLInputElement);
  const next =
    at < 0 ? (step > 0 ? 0 : boxes.length - 1) : Math.min(boxes.length - 1, Math.max(0, at + step));
  boxes[next]?.focus();
  boxes[next]?.scrollIntoView({ block: "nearest" });
}

/**
 * The incident room: everything about one incident on one screen, kept live. Tasks on the left
 * (the checklist by phase), the timeline on the right; at phone width one after the other.
 */
export function IncidentRoom({ incidentRef }: { incidentRef: string }) {
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [highlighted, setHighlighted] = useState<string>();
  const [phaseAction, setPhaseAction] = useState<PhaseAction>();
  const [reclassifying, setReclassifying] = useState(false);
  const [dialog, setDialog] = useState<"attributes" | "task" | "merge">();
  const [actionError, setActionError] = useState<unknown>();
  const composer = useRef<HTMLTextAreaElement>(null);
  const planRef = useRef<ReturnType<typeof usePinnedPlan>>(undefined);

  const onRemote = useCallback((entries: TimelineEntry[]) => {
    const seqs = entries.map((e) => e.seq);
    setFresh((s) => new Set([...s, ...seqs]));
    setTimeout(() => setFresh((s) => new Set([...s].filter((x) => !seqs.includes(x)))), FRESH_MS);
    const last = entries[entries.length - 1];
    if (last)
      announce(
        `${actorName(planRef.current, last.actor)}: ${describeEntry(planRef.current, last)}`,
      );
  }, []);

  const room = useRoom(incidentRef, onRemote);
  const incident = room.data?.incident;
  const tab = roomTab(useLocation().search.get("tab"));
  // Every change to the incident is a timeline entry: panels reload when the timeline grows.
  const revision = room.data?.timeline.at(-1)?.seq ?? 0;
  const clocks = useResource(
    (signal) => clocksApi.forIncident(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const runningClocks = (clocks.data ?? []).filter(
    (c) => c.applies && ["running", "due_soon", "overdue"].includes(c.state),
  ).length;
  const plan = usePinnedPlan(incident?.plan_id, incident?.plan_version);
  planRef.current = plan;
  const { canWrite } = useSession();
  // Observers read along; the controls that change things are for responders and admins.
  const active = incident ? isActive(incident.phase) && canWrite : false;

  const showTask = useCallback((taskId: string) => {
    setHighlighted(taskId);
    // After a dialog that asked for this has closed and handed focus back to its opener.
    setTimeout(() => {
      document.getElementById(`task-${taskId}`)?.scrollIntoView({ block: "center" });
      document.getElementById(`task-check-${taskId}`)?.focus({ preventScroll: true });
    }, 50);
  }, []);

  const refresh = useCallback(() => void room.refresh().catch(() => {}), [room.refresh]);
  const onTaskSaved = useCallback(
    (task: Task) => {
      room.replaceTask(task);
      refresh();
    },
    [room.replaceTask, refresh],
  );

  const primaryAction: PhaseAction | undefined =
    !incident || !canWrite
      ? undefined
      : !active
        ? incident.phase === "merged"
          ? undefined
          : "reopen"
        : incident.phase === "post_incident"
          ? "close"
          : "advance";

  useShortcuts([
    {
      keys: "c",
      group: "Incident",
      description: "Write a note",
      run: () => composer.current?.focus(),
      disabled: !active,
    },
    {
      keys: "a",
      group: "Incident",
      description: "Advance the phase (or close, in post-incident)",
      run: () => primaryAction && primaryAction !== "reopen" && setPhaseAction(primaryAction),
      disabled: !active,
    },
    {
      keys: "s",
      group: "Incident",
      description: "Reclassify (severity, type)",
      run: () => setReclassifying(true),
      disabled: !active,
    },
    { keys: "j", group: "Incident", description: "Next task", run: () => moveTaskFocus(1) },
    { keys: "k", group: "Incident", description: "Previous task", run: () => moveTaskFocus(-1) },
  ]);

  if (!room.data || !incident)
    return room.error ? (
      <>
        <PageHeader title={incidentRef} />
        <ProblemMessage
          error={room.error}
          title={
            room.error instanceof ApiError && room.error.status === 404
              ? "No such incident"
              : "Could not load the incident"
          }
        >
          <p>
            <Link to="/incidents">Back to the incident list</Link>
          </p>
        </ProblemMessage>
      </>
    ) : (
      <Loading what={`Loading ${incidentRef}`} />
    );

  const acknowledge = async () => {
    setActionError(undefined);
    try {
      await incidentsApi.acknowledge(incident.human_id);
      announce("Acknowledged");
      refresh();
    } catch (e) {
      setActionError(e);
    }
  };

  const next = phaseAfter(incident.phase);
  // What every tab's panel is told: which incident, whether it may be changed now, and a
  // revision that moves with its timeline so the panel reloads when the incident changes.
  const panel = {
    incidentRef: incident.human_id,
    incidentId: incident.id,
    plan,
    editable: active,
    revision,
  };
  const actions = (
    <>
      {active && !incident.times.acknowledged_at && (
        <button type="button" className="button" onClick={acknowledge}>
          Acknowledge
        </button>
      )}
      {active && (
        <button
          type="button"
          className="button"
          onClick={() => setReclassifying(true)}
          aria-keyshortcuts="s"
        >
          Reclassify
        </button>
      )}
      {active && (
        <button type="button" className="button" onClick={() => setDialog("attributes")}>
          Attributes
        </button>
      )}
      {active && (
        <button type="button" className="button" onClick={() => setDialog("merge")}>
          Merge into…
        </button>
      )}
      {active && incident.phase !== "post_incident" && (
        <button type="button" className="button" onClick={() => setPhaseAction("decline")}>
          Decline
        </button>
      )}
      {primaryAction && (
        <button
          type="button"
          className="button primary"
          aria-keyshortcuts={primaryAction === "reopen" ? undefined : "a"}
          onClick={() => setPhaseAction(primaryAction)}
        >
          {primaryAction === "advance"
            ? `Advance to ${next ? phaseLabel(next) : "next phase"}`
            : primaryAction === "close"
              ? "Close incident"
              : "Reopen"}
        </button>
      )}
    </>
  );

  return (
    <div className="room">
      <RoomHeader
        incident={incident}
        plan={plan}
        live={room.live}
        actions={actions}
        deadline={nextDeadline(clocks.data)}
      />
      <ProblemMessage error={actionError} title="That did not work" />
      <PhaseTrack incident={incident} tasks={room.data.tasks} plan={plan} onShowTask={showTask} />
      <RoomTabs current={tab} counts={{ clocks: runningClocks }} />
      <div
        id={`panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
        className="room-panel"
      >
        {tab === "response" && (
          <>
            <nav className="room-jump" aria-label="In this incident">
              <a href="#room-tasks">Tasks</a>
              <a href="#room-timeline">Timeline</a>
            </nav>
            <div className="room-columns">
              <section id="room-tasks" className="room-tasks" aria-labelledby="tasks-title">
                <div className="room-section-head">
                  <h2 id="tasks-title">Tasks</h2>
                  {active && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setDialog("task")}
                    >
                      Add task
                    </button>
                  )}
                </div>
                <TaskList
                  incident={incident}
                  tasks={room.data.tasks}
                  plan={plan}
                  highlighted={highlighted}
                  canWrite={canWrite}
                  onSaved={onTaskSaved}
                />
              </section>
              <section
                id="room-timeline"
                className="room-timeline"
                aria-labelledby="timeline-title"
              >
                <h2 id="timeline-title">Timeline</h2>
                <NoteComposer
                  ref={composer}
                  incidentRef={incident.human_id}
                  incidentId={incident.id}
                  disabled={!canWrite || incident.phase === "merged"}
                  ended={!isActive(incident.phase)}
                  onPosted={refresh}
                />
                <Timeline
                  incidentRef={incident.human_id}
                  entries={room.data.timeline}
                  plan={plan}
                  fresh={fresh}
                />
              </section>
            </div>
          </>
        )}
        {tab === "evidence" && <EvidencePanel {...panel} />}
        {tab === "indicators" && <IndicatorsPanel {...panel} />}
        {tab === "indicators" && <TechniquesPanel {...panel} />}
        {tab === "assets" && <AssetsPanel {...panel} />}
        {tab === "assets" && <ChangesPanel {...panel} />}
        {tab === "people" && <PeoplePanel {...panel} onChanged={refresh} />}
        {tab === "comms" && <CommsPanel {...panel} />}
        {tab === "postincident" && <PostIncidentPanel {...panel} canWrite={canWrite} />}
        {tab === "reports" && <ReportsPanel {...panel} editable={canWrite} />}
        {tab === "reports" && <ExportMenu incidentRef={incident.human_id} />}
        {tab === "clocks" && (
          <ClocksPanel
            incidentRef={incident.human_id}
            clocks={clocks.data}
            error={clocks.error}
            editable={active}
            onChanged={() => void clocks.reload()}
          />
        )}
      </div>
      <PhaseDialog
        action={phaseAction}
        incident={incident}
        plan={plan}
        onClose={() => setPhaseAction(undefined)}
        onChanged={refresh}
        onStale={room.refresh}
        onShowTask={showTask}
      />
      <AttributesDialog
        open={dialog === "attributes"}
        incident={incident}
        plan={plan}
        onClose={() => setDialog(undefined)}
        onChanged={refresh}
        onStale={room.refresh}
      />
      <AddTaskDialog
        open={dialog === "task"}
        incident={incident}
        plan={plan}
        onClose={() => setDialog(undefined)}
        onAdded={refresh}
      />
      <MergeDialog
        open={dialog === "merge"}
        incident={incident}
        onClose={() => setDialog(undefined)}
        onStale={room.refresh}
      />
      <ReclassifyDialog
        open={reclassifying}
        incident={incident}
        plan={plan}
        onClose={() => setReclassifying(false)}
        onChanged={refresh}
        onStale={room.refresh}
      />
    </div>
  );
}
