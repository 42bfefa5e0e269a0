import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { evidence as evidenceEndpoints } from "../../contract/evidence.js";
import { indicators } from "../../contract/indicators.js";
import { roles } from "../../contract/roles.js";
import { invalidInput } from "../../domain/errors.js";
import type { IndicatorType } from "../../domain/incident/indicator-types.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printList, printResult } from "../io.js";
import { evidenceDownloadCommand, uploadEvidence } from "./evidence-file.js";
import { sub } from "./incident-args.js";
import { importMispFile } from "./misp-import.js";

type Flags = ApiFlags & { json?: boolean };
const on = (id: string) => ({ params: { id } });

/** SHA-256 and size of a file, streamed (disk images are large). */
async function fingerprint(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha256: hash.digest("hex"), size: (await stat(file)).size };
}

/** What responders record on an incident: roles, indicators, evidence. */
export function incidentRecordCommands(): Command[] {
  const assign = sub(
    "assign",
    "give a plan role to a person on this incident (a new holder is a handover)",
  )
    .argument("<incident>")
    .requiredOption("--role <role>", "role id from the plan, e.g. commander")
    .requiredOption("--person <person>", "person id from the plan's team")
    .option("--reason <text>", "why (recorded on the timeline)")
    .option("--additional", "add beside the current holders instead of handing over")
    .action(
      action(
        async (
          ref: string,
          flags: Flags & { role: string; person: string; reason?: string; additional?: boolean },
        ) => {
          const assignment = await withApi(flags, (api) =>
            api.call(roles.assign, {
              ...on(ref),
              body: {
                role: flags.role,
                person: flags.person,
                reason: flags.reason,
                additional: flags.additional,
              },
            }),
          );
          printResult(flags, assignment, () => `${flags.person} is ${flags.role} on ${ref}`);
          return EXIT.ok;
        },
      ),
    );

  const indicator = sub(
    "indicator",
    "add an indicator of compromise, or list them when no --value is given",
  )
    .argument("<incident>")
    .option(
      "--type <type>",
      "ip, domain, url, email, md5, sha1, sha256, file_name, file_path, registry_key, …",
    )
    .option("--value <value>", "as found; defanged forms (hxxp://, example[.]com) are accepted")
    .option("--description <text>")
    .option("--from-misp <file>", "add a MISP event's attributes (JSON file), with their tags")
    .action(
      action(
        async (
          ref: string,
          flags: Flags & { type?: string; value?: string; description?: string; fromMisp?: string },
        ) => {
          if (flags.fromMisp !== undefined) return importMispFile(ref, flags.fromMisp, flags);
          if (flags.value === undefined) {
            const list = await withApi(flags, (api) => api.call(indicators.list, on(ref)));
            printList(
              flags,
              list,
              (i) => `${i.type.padEnd(12)} ${i.value}${i.description ? `  ${i.description}` : ""}`,
              "no indicators",
            );
            return EXIT.ok;
          }
          if (!flags.type) throw invalidInput("--type is required with --value");
          const value = flags.value;
          const added = await withApi(flags, (api) =>
            api.call(indicators.add, {
              ...on(ref),
              body: {
                // The server names the types when this is none of them.
                type: flags.type as IndicatorType,
                value,
                description: flags.description,
              },
            }),
          );
          printResult(
            flags,
            added,
            () => `${added.created ? "added" : "already recorded"}: ${added.type} ${added.value}`,
          );
          return EXIT.ok;
        },
      ),
    );

  const evidence = sub(
    "evidence",
    "record an evidence item (--file uploads it into the evidence store), or list them",
  )
    .argument("<incident>")
    .option(
      "--file <path>",
      "the item itself, uploaded (streamed) into the evidence store; its name defaults to the file name",
    )
    .option("--to <evidence-id>", "with --file: the item recorded earlier with this file's SHA-256")
    .option(
      "--hash-only",
      "with --file: record its SHA-256 and size but keep the file where it is (--location)",
    )
    .option("--name <name>")
    .option("--sha256 <hex>", "when the item is not on this machine")
    .option("--size <bytes>")
    .option("--location <where>", "where the item is kept (defaults to the file's path)")
    .option("--acquired-by <who>", "who acquired it; its first custodian")
    .option("--acquired-at <time>", "ISO 8601, defaults to now")
    .option("--description <text>")
    .action(
      action(
        async (
          ref: string,
          flags: Flags & {
            file?: string;
            to?: string;
            hashOnly?: boolean;
            name?: string;
            sha256?: string;
            size?: string;
            location?: string;
            acquiredBy?: string;
            acquiredAt?: string;
            description?: string;
          },
        ) => {
          if (!flags.file && !flags.sha256) {
            const list = await withApi(flags, (api) => api.call(evidenceEndpoints.list, on(ref)));
            printList(
              flags,
              list,
              (e) =>
                `${e.name}  sha256:${e.sha256}  ${e.size} bytes  custodian ${e.custodian}  at ${e.location}`,
              "no evidence",
            );
            return EXIT.ok;
          }
          if (flags.file && !flags.hashOnly) return uploadEvidence(flags, ref, flags.file, flags);
          const measured = flags.file
            ? await fingerprint(flags.file)
            : { sha256: flags.sha256 as string, size: Number(flags.size ?? Number.NaN) };
          if (!Number.isInteger(measured.size))
            throw invalidInput("--size (bytes) is required with --sha256");
          const name = flags.name ?? (flags.file ? basename(flags.file) : undefined);
          const location = flags.location ?? (flags.file ? resolve(flags.file) : undefined);
          if (!name || !location || !flags.acquiredBy)
            throw invalidInput(
              "give --name, --location and --acquired-by (or --file and --acquired-by)",
            );
          const acquiredBy = flags.acquiredBy;
          const added = await withApi(flags, (api) =>
            api.call(evidenceEndpoints.add, {
              ...on(ref),
              body: {
                name,
                description: flags.description,
                ...measured,
                location,
                acquired_by: acquiredBy,
                acquired_at: flags.acquiredAt,
              },
            }),
          );
          printResult(flags, added, () => `recorded ${added.name} (sha256:${added.sha256})`);
          return EXIT.ok;
        },
      ),
    );

  return [assign, indicator, evidence, evidenceDownloadCommand()];
}
