/**
 * Where an affected asset stands. Any status may follow any other: a cleaned host can be found
 * compromised again, and a suspected one can turn out not to be affected at all.
 */
export const ASSET_STATUSES = [
  "suspected",
  "compromised",
  "contained",
  "cleaned",
  "restored",
  "not_affected",
] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
