import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv, type ErrorObject } from "ajv";

/**
 * The VERIS 1.4 schema shipped in ../shared/reference/veris (absent when ../shared is not beside
 * the checkout: tests skip then).
 */
export const VERIS_SCHEMA = resolve(
  import.meta.dirname,
  "../../../shared/reference/veris/verisc-merged.json",
);

export const verisSchemaPresent = () => existsSync(VERIS_SCHEMA);

/**
 * A checker of VERIS documents; answers the problems, empty when valid. The schema declares
 * draft-04 but uses no keyword whose meaning changed since (no `id`, no boolean
 * `exclusiveMaximum`, no `$ref`), so Ajv's default draft validates it exactly.
 */
export function verisValidator(): (document: unknown) => string[] {
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(VERIS_SCHEMA, "utf8"));
  const text = JSON.stringify(schema);
  for (const keyword of ['"id":', '"exclusiveMaximum":', '"exclusiveMinimum":', '"$ref":'])
    if (text.includes(keyword))
      throw new Error(`the VERIS schema uses ${keyword}: validate as draft-04`);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map(
          (e: ErrorObject) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`,
        );
}
