/** The main sections, in the order the navigation shows them, with their "go to" keys. */
export interface Section {
  path: string;
  label: string;
  /** Second key after `g`. */
  key: string;
}

export const SECTIONS: Section[] = [
  { path: "/", label: "Dashboard", key: "d" },
  { path: "/incidents", label: "Incidents", key: "i" },
  { path: "/alerts", label: "Alerts", key: "a" },
  { path: "/problems", label: "Problems", key: "b" },
  { path: "/action-items", label: "Action items", key: "t" },
  { path: "/reports", label: "Reports", key: "r" },
  { path: "/metrics", label: "Metrics", key: "m" },
  { path: "/plan", label: "Plan", key: "p" },
  { path: "/procedures", label: "Procedures", key: "s" },
  { path: "/documents", label: "Documents", key: "o" },
];

/** The section a path belongs to (for aria-current in the navigation). */
export function sectionOf(path: string): Section | undefined {
  if (path === "/") return SECTIONS[0];
  return SECTIONS.slice(1).find((s) => path === s.path || path.startsWith(`${s.path}/`));
}
