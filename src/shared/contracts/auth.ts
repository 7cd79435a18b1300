import { z } from 'zod';
import { text, textProblem } from './common.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const emailSchema = text({ error: 'Enter your email address.' })
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter an email address like name@school.edu.' }))
  .transform((email) => email.toLowerCase());

export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(
    PASSWORD_MIN_LENGTH,
    `Use at least ${PASSWORD_MIN_LENGTH} characters. A short phrase of four or five words works well.`,
  )
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  // Spaces are fine (a passphrase), invisible control characters are not: nobody could type them again.
  // Passwords that are checked (sign-in, confirmations) take any character, so no account made before
  // this rule is locked out; they are only hashed, never stored as text.
  .refine((password) => textProblem(password) === null, {
    error: 'Use letters, digits, spaces and symbols only: this password holds an invisible control character.',
  });

export const roleSchema = z.enum(['student', 'advisor'], { error: 'Choose student or advisor.' });
export type Role = z.infer<typeof roleSchema>;

export const signUpRequestSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  role: roleSchema.default('student'),
});
export type SignUpRequest = z.input<typeof signUpRequestSchema>;

export const signInRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.input<typeof signInRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z
    .string({ error: 'Enter your current password.' })
    .min(1, 'Enter your current password.')
    .max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

export const deleteAccountRequestSchema = z.strictObject({
  password: z
    .string({ error: 'Enter your password to confirm.' })
    .min(1, 'Enter your password to confirm.')
    .max(PASSWORD_MAX_LENGTH),
});
export type DeleteAccountRequest = z.input<typeof deleteAccountRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userResponseSchema = z.object({ user: userSchema });
export type UserResponse = z.infer<typeof userResponseSchema>;
