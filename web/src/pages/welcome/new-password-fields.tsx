import { MIN_PASSWORD_LENGTH } from "../../../../src/domain/password-policy";
import { TextField } from "../../components/fields";

interface Props {
  /** Prefix of the fields' ids. */
  id: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
}

/** A new password typed twice; `samePasswords` says whether the form may be sent. */
export function NewPasswordFields({ id, password, confirm, onPassword, onConfirm }: Props) {
  return (
    <>
      <TextField
        id={`${id}-password`}
        label="Password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few words are easy to remember.`}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        value={password}
        onChange={onPassword}
      />
      <TextField
        id={`${id}-confirm`}
        label="Password again"
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={confirm !== "" && confirm !== password ? true : undefined}
        value={confirm}
        onChange={onConfirm}
      />
    </>
  );
}

/** Throws, for the form's problem message, when the two passwords differ. */
export function samePasswords(password: string, confirm: string): void {
  if (password !== confirm) throw new Error("The two passwords differ: type the same one twice.");
}
