import type { PersonInput } from "../../lib/plan-edit-team";

/** A row of the file that was left out, by its line number (the header is line 1). */
export interface CsvProblem {
  line: number;
  message: string;
}

const COLUMNS = ["name", "email", "phone", "roles"] as const;

/** The fields of one CSV line: commas separate, double quotes enclose ("" is a quote). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field.trim());
      field = "";
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

/**
 * People from a CSV file with a header row naming `name`, `email`, `phone` and `roles` (any
 * order; phone and roles may be left out). Roles are role ids separated by `;` or spaces. A bad
 * row is reported by its line and left out; the good ones are kept.
 */
export function parsePeopleCsv(
  text: string,
  knownRoles: readonly string[],
): { people: PersonInput[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = fields(lines[0] ?? "").map((h) => h.toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  if (at.name < 0 || at.email < 0)
    return {
      people: [],
      problems: [
        { line: 1, message: "the first line must name the columns: name,email,phone,roles" },
      ],
    };
  const roles = new Set(knownRoles);
  const people: PersonInput[] = [];
  const problems: CsvProblem[] = [];
  const emails = new Set<string>();
  lines.forEach((raw, i) => {
    if (i === 0 || raw.trim() === "") return;
    const line = i + 1;
    const row = fields(raw);
    const get = (c: (typeof COLUMNS)[number]) => (at[c] < 0 ? "" : (row[at[c]] ?? ""));
    const name = get("name");
    const email = get("email");
    const wanted = get("roles")
      .split(/[;\s]+/)
      .filter(Boolean);
    const unknown = wanted.filter((r) => !roles.has(r));
    if (!name) problems.push({ line, message: "no name" });
    else if (!/^[^@\s]+@[^@\s]+$/.test(email))
      problems.push({ line, message: `'${email}' is not an e-mail address` });
    else if (emails.has(email.toLowerCase()))
      problems.push({ line, message: `${email} is already on an earlier line` });
    else if (unknown.length > 0)
      problems.push({
        line,
        message: `unknown role${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`,
      });
    else {
      emails.add(email.toLowerCase());
      people.push({ name, email, phone: get("phone") || undefined, roles: wanted });
    }
  });
  return { people, problems };
}
