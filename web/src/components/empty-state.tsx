interface Props {
  title: string;
  children?: React.ReactNode;
}

/** What an empty list means and what to do about it, instead of a blank space. */
export function EmptyState({ title, children }: Props) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
