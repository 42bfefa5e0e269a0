import { type KeyboardEvent, useRef } from "react";
import { setSearch } from "../../router";

export const ROOM_TABS = {
  response: "Tasks and timeline",
  evidence: "Evidence",
  indicators: "Indicators",
  assets: "Assets",
  people: "People",
  comms: "Communication",
  clocks: "Clocks",
  postincident: "Post-incident",
  reports: "Reports",
} as const;
export type RoomTab = keyof typeof ROOM_TABS;

export function roomTab(value: string | null): RoomTab {
  return value && value in ROOM_TABS ? (value as RoomTab) : "response";
}

/** The room's sections as tabs (arrow keys move between them); the choice is in the address. */
export function RoomTabs({
  current,
  counts,
}: {
  current: RoomTab;
  counts: Partial<Record<RoomTab, number>>;
}) {
  const list = useRef<HTMLDivElement>(null);
  const keys = Object.keys(ROOM_TABS) as RoomTab[];
  const choose = (tab: RoomTab) => setSearch({ tab: tab === "response" ? undefined : tab });
  const onKey = (e: KeyboardEvent) => {
    const at = keys.indexOf(current);
    const next =
      e.key === "ArrowRight"
        ? keys[(at + 1) % keys.length]
        : e.key === "ArrowLeft"
          ? keys[(at - 1 + keys.length) % keys.length]
          : undefined;
    if (!next) return;
    e.preventDefault();
    choose(next);
    setTimeout(() => list.current?.querySelector<HTMLElement>(`#tab-${next}`)?.focus(), 0);
  };
  return (
    <div
      className="room-tabs"
      role="tablist"
      aria-label="Incident sections"
      ref={list}
      onKeyDown={onKey}
    >
      {keys.map((tab) => (
        <button
          key={tab}
          id={`tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={tab === current}
          aria-controls={`panel-${tab}`}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => choose(tab)}
        >
          {ROOM_TABS[tab]}
          {counts[tab] ? <span className="tab-count">{counts[tab]}</span> : null}
        </button>
      ))}
    </div>
  );
}
