import { z } from "zod";
import { VERIS_ACTIONS, VERIS_ACTORS, VERIS_ATTRIBUTES } from "../domain/veris.js";

/** A non-empty list of distinct values of one VERIS enumeration. */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .min(1)
    .refine((v) => new Set(v).size === v.length, "lists a value twice");

const action = <C extends keyof typeof VERIS_ACTIONS>(category: C) => {
  const vocabulary = VERIS_ACTIONS[category] as {
    variety: readonly [string, ...string[]];
    vector?: readonly [string, ...string[]];
    target?: readonly [string, ...string[]];
  };
  return z.strictObject({
    variety: list(vocabulary.variety),
    ...(vocabulary.vector ? { vector: list(vocabulary.vector).optional() } : {}),
    ...(vocabulary.target ? { target: list(vocabulary.target).optional() } : {}),
  });
};

/**
 * How incidents of a type are counted in a VERIS export (docs/veris.md): the threat actions and,
 * when the type says it, the actor and the attributes affected. Vectors, targets and motives left
 * out are exported as `Unknown`; so is everything a type does not map.
 */
export const VerisMapping = z.strictObject({
  action: z
    .strictObject({
      hacking: action("hacking").optional(),
      malware: action("malware").optional(),
      social: action("social").optional(),
      error: action("error").optional(),
      misuse: action("misuse").optional(),
      physical: action("physical").optional(),
      environmental: action("environmental").optional(),
    })
    .refine((a) => Object.keys(a).length > 0, "name at least one action category"),
  actor: z
    .strictObject({
      external: z
        .strictObject({
          variety: list(VERIS_ACTORS.external.variety),
          motive: list(VERIS_ACTORS.external.motive).optional(),
        })
        .optional(),
      internal: z
        .strictObject({
          variety: list(VERIS_ACTORS.internal.variety),
          motive: list(VERIS_ACTORS.internal.motive).optional(),
        })
        .optional(),
      partner: z.strictObject({ motive: list(VERIS_ACTORS.partner.motive) }).optional(),
    })
    .optional(),
  attribute: z
    .strictObject({
      confidentiality: z
        .strictObject({
          data_disclosure: z.enum(["No", "Potentially", "Yes", "Unknown"]).optional(),
          data: list(VERIS_ATTRIBUTES.confidentiality).optional(),
        })
        .optional(),
      integrity: z.strictObject({ variety: list(VERIS_ATTRIBUTES.integrity) }).optional(),
      availability: z.strictObject({ variety: list(VERIS_ATTRIBUTES.availability) }).optional(),
    })
    .optional(),
});

export type VerisMapping = z.infer<typeof VerisMapping>;
