import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { IssuedLink } from "../auth/account-link.service.js";
import type { User } from "../auth/identity.types.js";
import type { AccountLinkPurpose } from "../domain/account-link.js";
import type { accountLinks } from "./account-links.js";

type Out<S extends z.ZodType> = z.output<S>;

describe("account-link contract", () => {
  it("answers the invited user as the store holds them, and a link's purpose and expiry", () => {
    expectTypeOf<Out<typeof accountLinks.invite.response>["user"]>().toEqualTypeOf<User>();
    expectTypeOf<
      Out<typeof accountLinks.get.response>["purpose"]
    >().toEqualTypeOf<AccountLinkPurpose>();
    expectTypeOf<Out<typeof accountLinks.passwordLink.response>["expires_at"]>().toEqualTypeOf<
      IssuedLink["expires_at"]
    >();
  });
});
