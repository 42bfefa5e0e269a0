import { useCallback, useEffect, useState } from "react";

export type ThemeChoice = "light" | "dark" | "system";
const KEY = "firebreak:theme";

function stored(): ThemeChoice {
  const v = window.localStorage.getItem(KEY);
  return v === "light" || v === "dark" ? v : "system";
}

/** Applies a theme choice to the document: `data-theme` wins over prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice = stored()): void {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

const prefersDark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;

/** The theme in force and a toggle between light and dark (starting from the system's). */
export function useTheme(): { dark: boolean; toggle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const [systemDark, setSystemDark] = useState(prefersDark);

  useEffect(() => {
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    const update = () => setSystemDark(media.matches);
    media?.addEventListener("change", update);
    return () => media?.removeEventListener("change", update);
  }, []);

  useEffect(() => applyTheme(choice), [choice]);

  const dark = choice === "system" ? systemDark : choice === "dark";
  const toggle = useCallback(() => {
    const next: ThemeChoice = dark ? "light" : "dark";
    // Back to following the system when the choice matches it again.
    const value = (next === "dark") === prefersDark() ? "system" : next;
    if (value === "system") window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, value);
    setChoice(value);
  }, [dark]);

  return { dark, toggle };
}
