import { createInterface } from "node:readline";
import { invalidInput } from "../domain/errors.js";

/** Reads all of standard input: the password, without its final line break. */
async function fromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Asks on the terminal without echoing what is typed. */
function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(question);
    out._writeToOutput = () => {}; // echo nothing while the password is typed
    rl.question("", (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}

/**
 * A password for a command: from standard input with `--password-stdin` (scripts), else asked on
 * the terminal. Never from a flag: flags show in `ps` and shell history.
 */
export async function readPassword(fromStdinFlag: boolean | undefined, question: string) {
  if (fromStdinFlag) {
    const password = await fromStdin();
    if (!password) throw invalidInput("--password-stdin: standard input was empty");
    return password;
  }
  if (!process.stdin.isTTY)
    throw invalidInput("no terminal to ask for the password on: pipe it in with --password-stdin");
  const first = await prompt(question);
  if (!first) throw invalidInput("no password given");
  return first;
}
