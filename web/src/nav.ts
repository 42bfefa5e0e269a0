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

/** The administration pages, in their own group of the navigation, shown to admins only. */
export const ADMIN_SECTIONS: Section[] = [
  { path: "/admin/users", label: "Users", key: "u" },
  { path: "/admin/integrations", label: "Integrations", key: "n" },
];

/** The section a path belongs to (for aria-current in the navigation). */
export function sectionOf(path: string): Section | undefined {
  if (path === "/") return SECTIONS[0];
  return [...SECTIONS.slice(1), ...ADMIN_SECTIONS].find(
    (s) => path === s.path || path.startsWith(`${s.path}/`),
  );
}
