// The answers account operations share. Each refusal that could tell a known address from an
// unknown one has exactly one wording, whatever the reason behind it.
import { failure } from "../deps";

export const LOGIN_REQUIRED = failure("unauthorized", "Log in to continue");
export const LOGIN_FAILED = failure("unauthorized", "The email address or password is not correct");
export const LINK_INVALID = failure("not_found", "This link is not valid or has expired");
export const LOGIN_BUSY = failure(
	"rate_limited",
	"Too many sign-in attempts for this account; wait a minute and try again",
);
export const SHOPPER_BUSY = failure("rate_limited", "Too many requests in a short time; slow down");
export const WRONG_CURRENT_PASSWORD = failure("forbidden", "The current password is not correct");
/** Another subject's data, or a table outside the account's: as if it did not exist (no IDOR oracle). */
export const NOT_YOURS = failure("not_found", "That personal data no longer exists");
export const DORMANT = failure("conflict", "That personal data is dormant; it opens once re-activated");
