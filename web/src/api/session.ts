import { api } from "./client";

/** `src/server/routes/identity.schemas.ts` SessionSchema. */
export interface SessionInfo {
  user: {
    id: string;
    email: string;
    name: string;
    role: "admin" | "responder" | "observer";
    person_id: string | null;
  } | null;
  role: "admin" | "responder" | "observer";
  via: "session" | "token" | "local";
  csrf_token?: string;
  expires_at?: string;
}

/** Sign-in sessions (`src/server/routes/session.routes.ts`). */
export const sessionApi = {
  current: () => api<SessionInfo>("/session"),
  signIn: (email: string, password: string) =>
    api<SessionInfo>("/session", { json: { email, password } }),
  signOut: () => api<void>("/session", { method: "DELETE" }),
};
