import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Where `firebreak login` keeps API tokens: `$XDG_CONFIG_HOME/firebreak/credentials.json` (else
 * `~/.config/firebreak/…`), readable by the user alone (0600, in a 0700 folder). One token per
 * server URL.
 */
export interface StoredCredential {
  token: string;
  token_id: string;
  email: string;
  expires_at: string | null;
}

interface CredentialsFile {
  servers: Record<string, StoredCredential>;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "firebreak", "credentials.json");
}

/** The server URL as a key: no trailing slash. */
export const serverKey = (url: string) => url.replace(/\/+$/, "");

function read(path: string): CredentialsFile {
  if (!existsSync(path)) return { servers: {} };
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as CredentialsFile;
    return parsed && typeof parsed.servers === "object" ? parsed : { servers: {} };
  } catch {
    return { servers: {} };
  }
}

export function storedCredential(
  server: string,
  path = credentialsPath(),
): StoredCredential | undefined {
  return read(path).servers[serverKey(server)];
}

/** Writes atomically (a 0600 temporary file renamed over the old one), never world-readable. */
function write(path: string, file: CredentialsFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function saveCredential(server: string, cred: StoredCredential, path = credentialsPath()) {
  const file = read(path);
  file.servers[serverKey(server)] = cred;
  write(path, file);
}

export function forgetCredential(
  server: string,
  path = credentialsPath(),
): StoredCredential | undefined {
  const file = read(path);
  const old = file.servers[serverKey(server)];
  if (old) {
    delete file.servers[serverKey(server)];
    write(path, file);
  }
  return old;
}
