/** The shortest password accepted (auth/password.ts enforces it; the web's forms say it up front). */
export const MIN_PASSWORD_LENGTH = 12;
