import type { ReactNode } from "react";
import { EmptyState } from "../../components/empty-state";
import { PageHeader } from "../../components/page-header";
import { useSession } from "../../session-context";

/**
 * An administration page, or, for anyone who is not an admin, a plain statement that it is not
 * theirs (the server refuses its data to them anyway). A server without sign-in is the local
 * operator's, who is an admin.
 */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { session } = useSession();
  if (session && session.role !== "admin")
    return (
      <>
        <PageHeader title={title} />
        <EmptyState title="This page is for administrators">
          <p>
            You are signed in as {session.role === "observer" ? "an observer" : "a responder"}. Ask
            an administrator if you need something changed here.
          </p>
        </EmptyState>
      </>
    );
  return children;
}
