import { Command } from "commander";
import { invalidInput } from "../../domain/errors.js";
import { withApiOptions } from "../api.js";

/** `key=value` → typed attribute: true/false, numbers, comma lists with `[a,b]`, else text. */
export function parseAttribute(pair: string): [string, unknown] {
  const at = pair.indexOf("=");
  if (at < 1) throw invalidInput(`--attr takes key=value, not '${pair}'`);
  const key = pair.slice(0, at);
  const raw = pair.slice(at + 1);
  if (raw === "true" || raw === "false") return [key, raw === "true"];
  if (/^-?\d+(\.\d+)?$/.test(raw)) return [key, Number(raw)];
  if (raw.startsWith("[") && raw.endsWith("]"))
    return [
      key,
      raw
        .slice(1, -1)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ];
  return [key, raw];
}

/** The incident subcommands share the server/database options and --json. */
export function sub(name: string, description: string): Command {
  return withApiOptions(new Command(name).description(description)).option(
    "--json",
    "print the result as one JSON document",
  );
}
