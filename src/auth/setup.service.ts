import { randomBytes } from "node:crypto";
import { audit } from "../audit/audit.service.js";
import { systemActor } from "../domain/actor.js";
import { DomainError } from "../domain/errors.js";
import type { SetupCodeStore } from "./account-link.types.js";
import type { AuthDeps } from "./auth.deps.js";
import type { User } from "./identity.types.js";
import { actorForUser } from "./principal.js";
import { safeEqual } from "./secrets.js";
import type { SignInThrottle } from "./sign-in-throttle.js";
import { createUser } from "./user.service.js";

/**
 * The first admin, made in the browser: while no user exists, whoever can read the server's log
 * (or run `firebreak setup-code` on its database) holds a one-time code that creates an admin.
 * Nobody else can, even if the server is reachable before its operator gets to it.
 */
export interface SetupDeps extends AuthDeps {
  setupCode: SetupCodeStore;
}

/** Crockford's base32: no I, L, O or U, so what is read aloud or retyped comes out the same. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 16 characters of 5 bits: 80 bits, far beyond guessing at the sign-in throttle's pace. */
const LENGTH = 16;

/** A new code, `XXXX-XXXX-XXXX-XXXX`. */
export function newSetupCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const chars = [...randomBytes(LENGTH)].map((b) => ALPHABET[b & 31]).join("");
  return chars.match(/.{4}/g)?.join("-") ?? chars;
}

/** What a person typed, as the code is compared: case, spaces and dashes ignored, O→0, I/L→1. */
export function normaliseSetupCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** Whether Firebreak still needs its first admin. */
export async function setupNeeded(deps: Pick<AuthDeps, "identity">): Promise<boolean> {
  return (await deps.identity.countUsers()) === 0;
}

/**
 * The setup code to show the operator, made now if there is none; undefined once a user exists
 * (setup is done, and no code may create another admin).
 */
export async function currentSetupCode(deps: SetupDeps): Promise<string | undefined> {
  if (!(await setupNeeded(deps))) return undefined;
  return deps.setupCode.getOrCreate(newSetupCode(), deps.clock.now());
}

export interface SetupInput {
  code: string;
  email: string;
  name: string;
  password: string;
  ip: string;
}

/** The throttle's account key for setup attempts: wrong codes count like wrong passwords. */
const SETUP_KEY = "setup";

const alreadySetUp = () =>
  new DomainError(
    "conflict",
    "Firebreak is already set up: sign in, or ask an admin for an account",
  );

/**
 * Creates the first admin with the setup code and voids the code. Of two concurrent setups only
 * the one that takes the code creates an admin; the other is a conflict.
 */
export async function completeSetup(
  deps: SetupDeps,
  throttle: SignInThrottle,
  input: SetupInput,
): Promise<User> {
  if (!(await setupNeeded(deps))) throw alreadySetUp();
  const now = deps.clock.now();
  const verdict = await throttle.begin(SETUP_KEY, input.ip, now);
  if (!verdict.allowed) {
    await audit(deps, {
      action: "setup.throttled",
      outcome: "denied",
      ip: input.ip,
      details: { limit: verdict.limit, retry_after_seconds: verdict.retryAfterSeconds },
    });
    throw new DomainError("rate_limited", "too many wrong setup codes; try again later", [], {
      retry_after: verdict.retryAfterSeconds,
    });
  }
  let stored: string | undefined;
  try {
    stored = await deps.setupCode.current();
  } catch (e) {
    throttle.release(SETUP_KEY, input.ip);
    throw e;
  }
  if (!stored) {
    // Taken by a setup that is finishing (or done), or never made: nothing to guess.
    throttle.release(SETUP_KEY, input.ip);
    if (!(await setupNeeded(deps))) throw alreadySetUp();
    throw new DomainError(
      "conflict",
      "no setup code is waiting: restart the server or run `firebreak setup-code` to make one",
    );
  }
  if (!safeEqual(normaliseSetupCode(stored), normaliseSetupCode(input.code))) {
    await throttle.failed(SETUP_KEY, input.ip, now);
    await audit(deps, { action: "setup.failed", outcome: "failure", ip: input.ip });
    throw new DomainError(
      "forbidden",
      "wrong setup code: use the one the server printed at start, or run `firebreak setup-code`",
    );
  }
  await throttle.succeeded(SETUP_KEY, input.ip);
  if (!(await deps.setupCode.take(stored))) throw alreadySetUp();
  let user: User;
  try {
    user = await createUser(
      deps,
      { email: input.email, name: input.name, role: "admin", password: input.password },
      systemActor("setup"),
    );
  } catch (e) {
    // A refused password or address must not cost the code: put it back for the next try.
    await deps.setupCode.getOrCreate(stored, now);
    throw e;
  }
  await audit(deps, {
    actor: actorForUser(user),
    action: "setup.completed",
    target: user.id,
    ip: input.ip,
    details: { email: user.email },
  });
  return user;
}
