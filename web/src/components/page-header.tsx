import type { ReactNode } from "react";
import { useTitle } from "../hooks/use-title";

interface Props {
  title: ReactNode;
  /** The tab title, when `title` is not plain text. */
  tabTitle?: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** A screen's heading (focused after navigation, so screen readers start there) and actions. */
export function PageHeader({ title, tabTitle, children, actions }: Props) {
  useTitle(tabTitle ?? (typeof title === "string" ? title : undefined));
  return (
    <div className="page-header">
      <div className="page-heading">
        <h1 tabIndex={-1}>{title}</h1>
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
