import Holidays from "date-holidays";

/**
 * Why a calendar name is unusable, or undefined when it is fine. `date-holidays` accepts any
 * name silently and then knows no holidays, which would quietly shorten every deadline; this
 * check is for plan lint and for `addBusinessDays` (compliance), which refuses unknown calendars.
 */
export function calendarProblem(calendar: string): string | undefined {
  const [country, state, region, ...rest] = calendar.split("-");
  const probe = new Holidays();
  const countries = probe.getCountries() ?? {};
  if (!country || rest.length > 0 || !(country in countries))
    return `'${calendar}' is not a holiday calendar: use a country code such as US or a country and state such as DE-BY`;
  if (state !== undefined && !(state in (probe.getStates(country) ?? {})))
    return `'${state}' is not a state or province of ${country} in the holiday calendars`;
  if (state !== undefined && region !== undefined) {
    if (!(region in (probe.getRegions(country, state) ?? {})))
      return `'${region}' is not a region of ${country}-${state} in the holiday calendars`;
  }
  return undefined;
}
