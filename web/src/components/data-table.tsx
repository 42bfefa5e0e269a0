import type { ReactNode } from "react";
import { Loading } from "./loading";

/** One column of a `DataTable`: its header and what each row shows under it. */
export interface Column<T> {
  header: string;
  /** The header is for screen readers only (a column of checkboxes or links). */
  hideHeader?: boolean;
  /** What a cell says it is at phone width (`data-label`): the header unless hidden. */
  label?: string;
  cell: (row: T) => ReactNode;
  /** This column names the row, so its cells are row headers. */
  rowHeader?: boolean;
  className?: string;
}

interface Props<T> {
  columns: readonly Column<T>[];
  /** Undefined while loading. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  /** Said while the rows load. */
  loading?: string;
  /** A failed load: the page shows the problem, so no placeholder stands in for the table. */
  error?: unknown;
  /** What an empty list means (an `EmptyState`); without it an empty table shows. */
  empty?: ReactNode;
  caption?: string;
  /** Classes besides `responsive`. */
  className?: string;
  rowClassName?: (row: T) => string | undefined;
  /** Scrolls sideways inside its box rather than widening the page (long values). */
  scroll?: boolean;
}

/**
 * A list as a table on a laptop and as stacked cards at phone width (`.responsive`, with each
 * cell's `data-label`), with the placeholder while it loads and the empty state when it is empty.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  loading,
  error,
  empty,
  caption,
  className,
  rowClassName,
  scroll,
}: Props<T>) {
  if (!rows) return error ? null : <Loading what={loading} />;
  if (rows.length === 0 && empty) return empty;
  const table = (
    <table className={className ? `responsive ${className}` : "responsive"}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c) => {
              const label = c.label ?? (c.hideHeader ? "" : c.header);
              return c.rowHeader ? (
                <th key={c.header} scope="row" data-label={label} className={c.className}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.header} data-label={label} className={c.className}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}
