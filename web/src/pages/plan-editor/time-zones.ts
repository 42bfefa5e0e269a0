import { choices } from "../../components/fields";

/** Every IANA time zone the browser knows, for the organisation's and the rotations' zones. */
export const TIME_ZONES = choices(
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"],
);

/** The browser's own zone: a sensible first choice. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
