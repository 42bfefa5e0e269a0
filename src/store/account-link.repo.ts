import type { AccountLink, AccountLinkStore, SetupCodeStore } from "../auth/account-link.types.js";
import type { AccountLinkPurpose } from "../domain/account-link.js";
import type { Db } from "./connect.js";
import { secretRepo } from "./escalation.repo.js";
import type { AccountLinksTable } from "./tables/identity.js";

function linkFromRow(r: AccountLinksTable): AccountLink & { token_hash: string } {
  return { ...r, purpose: r.purpose as AccountLinkPurpose };
}

/** Invitation and password-reset links over either dialect. */
export function accountLinkRepo(db: Db): AccountLinkStore {
  const k = db.kysely;
  return {
    async create(link, tokenHash) {
      await k.transaction().execute(async (tx) => {
        await tx
          .deleteFrom("account_links")
          .where("user_id", "=", link.user_id)
          .where("purpose", "=", link.purpose)
          .where("used_at", "is", null)
          .execute();
        await tx
          .insertInto("account_links")
          .values({ ...link, token_hash: tokenHash })
          .execute();
      });
    },

    async findByHash(tokenHash) {
      const row = await k
        .selectFrom("account_links")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row ? linkFromRow(row) : undefined;
    },

    async use(id, at) {
      // One conditional update: of two concurrent redemptions, only one changes the row.
      const result = await k
        .updateTable("account_links")
        .set({ used_at: at })
        .where("id", "=", id)
        .where("used_at", "is", null)
        .where("expires_at", ">", at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

/** The name the setup code is kept under in `server_secrets`. */
const SETUP_CODE = "setup_code";

/** The setup code, one row of `server_secrets`. */
export function setupCodeRepo(db: Db): SetupCodeStore {
  const secrets = secretRepo(db);
  const k = db.kysely;
  return {
    getOrCreate: (generated, now) => secrets.getOrCreate(SETUP_CODE, generated, now),

    async current() {
      const row = await k
        .selectFrom("server_secrets")
        .select("value")
        .where("name", "=", SETUP_CODE)
        .executeTakeFirst();
      return row?.value;
    },

    async take(code) {
      const result = await k
        .deleteFrom("server_secrets")
        .where("name", "=", SETUP_CODE)
        .where("value", "=", code)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
