/**
 * Event input and normalisation: streaming JSON (array, NDJSON, concatenated objects) and
 * flattening of Windows, Winlogbeat, ECS and generic JSON events into Sigma-addressable fields.
 */

export { eventTime, parseTime, TIME_FIELDS } from "./event-time.js";
export type { Fields } from "./flatten.js";
export { flattenEvent, flattenNested, flattenWindowsEvent, isWindowsEventJson } from "./flatten.js";
export type { EventSource, EventStreamItem, ParsedEvent, ParseProblem } from "./json-stream.js";
export { JsonEventSplitter, parseEventsText, readEvents } from "./json-stream.js";
export type { EventEntities, NormalizedEvent } from "./normalize.js";
export { extractEntities, isNormalizedEvent, normalizeEvent } from "./normalize.js";
