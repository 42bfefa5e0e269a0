import { sql } from "kysely";
import type { ApiToken, IdentityStore, User } from "../auth/identity.types.js";
import type { Role, TokenScope } from "../domain/access-roles.js";
import { DomainError } from "../domain/errors.js";
import type { Db } from "./connect.js";
import type { ApiTokensTable, UsersTable } from "./tables/identity.js";

/** A unique-constraint violation, as either dialect reports it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === "23505" || /UNIQUE constraint failed/.test(err?.message ?? "");
}

function userFromRow(r: UsersTable): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    person_id: r.person_id,
    disabled: Number(r.disabled) === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
    last_sign_in_at: r.last_sign_in_at,
    time_zone: r.time_zone ?? null,
  };
}

function tokenFromRow(r: ApiTokensTable): ApiToken {
  const { token_hash: _h, ...rest } = r;
  return { ...rest, scope: r.scope as TokenScope };
}

/** Users, sessions, API tokens and sign-in throttling over either dialect. */
export function identityRepo(db: Db): IdentityStore {
  const k = db.kysely;
  return {
    async countUsers() {
      const row = await k
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async createUser(user, passwordHash) {
      try {
        await k
          .insertInto("users")
          .values({ ...user, disabled: user.disabled ? 1 : 0, password_hash: passwordHash })
          .execute();
      } catch (e) {
        if (isUniqueViolation(e))
          throw new DomainError("conflict", `a user with e-mail ${user.email} already exists`);
        throw e;
      }
    },

    async getUser(id) {
      const row = await k.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? userFromRow(row) : undefined;
    },

    async findByEmail(email) {
      const row = await k
        .selectFrom("users")
        .selectAll()
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      return row ? { user: userFromRow(row), password_hash: row.password_hash } : undefined;
    },

    async listUsers() {
      const rows = await k.selectFrom("users").selectAll().orderBy("email").execute();
      return rows.map(userFromRow);
    },

    async updateUser(id, patch) {
      const { disabled, ...rest } = patch;
      await k
        .updateTable("users")
        .set({ ...rest, ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }) })
        .where("id", "=", id)
        .execute();
    },

    async createSession(session) {
      await k.insertInto("sessions").values(session).execute();
    },

    async getSession(idHash) {
      return k.selectFrom("sessions").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
    },

    async touchSession(idHash, at) {
      await k
        .updateTable("sessions")
        .set({ last_seen_at: at })
        .where("id_hash", "=", idHash)
        .execute();
    },

    async deleteSession(idHash) {
      await k.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },

    async deleteUserSessions(userId) {
      await k.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },

    async createToken(token, tokenHash) {
      await k
        .insertInto("api_tokens")
        .values({ ...token, token_hash: tokenHash })
        .execute();
    },

    async findToken(tokenHash) {
      const row = await k
        .selectFrom("api_tokens")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row ? { ...tokenFromRow(row), token_hash: row.token_hash } : undefined;
    },

    async getToken(id) {
      const row = await k
        .selectFrom("api_tokens")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? tokenFromRow(row) : undefined;
    },

    async listTokens(userId) {
      let q = k.selectFrom("api_tokens").selectAll();
      if (userId) q = q.where("user_id", "=", userId);
      const rows = await q.orderBy("created_at").execute();
      return rows.map(tokenFromRow);
    },

    async revokeToken(id, at) {
      await k
        .updateTable("api_tokens")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
    },

    async touchToken(id, at) {
      await k.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
    },

    async throttles(keys) {
      if (keys.length === 0) return [];
      const rows = await k
        .selectFrom("sign_in_throttle")
        .selectAll()
        .where("key", "in", keys)
        .execute();
      return rows.map((r) => ({ ...r, failures: Number(r.failures) }));
    },

    async countFailure(key, now, windowStart) {
      const stale = sql<boolean>`sign_in_throttle.window_started_at < ${windowStart}`;
      const row = await k
        .insertInto("sign_in_throttle")
        .values({ key, failures: 1, window_started_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            failures: sql`case when ${stale} then 1 else sign_in_throttle.failures + 1 end`,
            window_started_at: sql`case when ${stale} then ${now} else sign_in_throttle.window_started_at end`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...row, failures: Number(row.failures) };
    },

    async lockThrottle(key, until) {
      await k
        .updateTable("sign_in_throttle")
        .set({ locked_until: until })
        .where("key", "=", key)
        .execute();
    },

    async prune(now, idleBefore, staleBefore) {
      await k
        .deleteFrom("sessions")
        .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleBefore)]))
        .execute();
      await k
        .deleteFrom("sign_in_throttle")
        .where("window_started_at", "<", staleBefore)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
        .execute();
    },

    async clearThrottle(key) {
      await k.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
    },
  };
}
