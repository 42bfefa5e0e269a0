import type { ReferenceExpression, SelectQueryBuilder } from "kysely";
import type { Database } from "./database.js";

/**
 * The list filter `q`: narrows `query` to rows where any of `columns` contains `term`, ignoring
 * letter case. The term is used as typed (a `%` or `_` in it is a LIKE wildcard).
 */
export function whereContainsText<T extends keyof Database, Row>(
  query: SelectQueryBuilder<Database, T, Row>,
  term: string,
  columns: readonly NoInfer<ReferenceExpression<Database, T>>[],
): SelectQueryBuilder<Database, T, Row> {
  const like = `%${term.toLowerCase()}%`;
  return query.where((eb) =>
    eb.or(columns.map((column) => eb(eb.fn("lower", [column]), "like", like))),
  );
}
