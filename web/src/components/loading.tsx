/** A placeholder while data loads; announced once, not on every tick. */
export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" aria-busy="true">
      {what}…
    </p>
  );
}
