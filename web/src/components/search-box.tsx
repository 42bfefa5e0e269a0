import { useEffect, useRef, useState } from "react";
import { useShortcuts } from "../hooks/use-shortcuts";
import { navigate, useLocation } from "../router";

/**
 * The top bar's search across incidents: `/` focuses it (unless a field has the keys), Enter
 * opens the results page for what was typed.
 */
export function SearchBox() {
  const { path, search } = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const shown = path === "/search" ? (search.get("q") ?? "") : "";
  const [text, setText] = useState(shown);
  // The results page's query stays in the box; leaving it empties the box.
  useEffect(() => setText(shown), [shown]);
  useShortcuts([
    {
      keys: "/",
      group: "General",
      description: "Search all incidents",
      run: () => input.current?.focus(),
    },
  ]);
  return (
    <search className="top-search">
      <form
        aria-label="Search incidents"
        onSubmit={(e) => {
          e.preventDefault();
          const q = text.trim();
          if (q) navigate(`/search?${new URLSearchParams({ q })}`);
        }}
      >
        <label htmlFor="top-search" className="visually-hidden">
          Search incidents
        </label>
        <input
          id="top-search"
          ref={input}
          type="search"
          placeholder="Search incidents (/)"
          aria-keyshortcuts="/"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </form>
    </search>
  );
}
