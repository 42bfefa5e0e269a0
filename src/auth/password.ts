import { hash, verify } from "@node-rs/argon2";
import { MIN_PASSWORD_LENGTH } from "../domain/password-policy.js";

/**
 * Password hashes: argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), stored as the PHC
 * string so that stronger parameters later still verify old hashes.
 */
// `Algorithm` is a const enum the package does not export at run time; 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown account, or one without a
 * password) it still spends the time of a real check, so that timing does not tell which e-mail
 * addresses have accounts.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword("not a real password, only for timing");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return "a password may have at most 1024 characters";
  return undefined;
}
