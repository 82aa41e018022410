// What a shopper's new password must be (NIST SP 800-63B, OWASP ASVS V2.1): long enough, not so
// long that hashing it becomes a denial of service, not one of the passwords every guessing list
// starts with, and not the account's own email. No composition rules: they make passwords harder
// to remember, not harder to guess. Pure and import-free, so unit tests run it in Node.

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export const PASSWORD_TOO_SHORT = `Use at least ${MIN_PASSWORD_LENGTH} characters for your password`;
export const PASSWORD_TOO_LONG = `Use at most ${MAX_PASSWORD_LENGTH} characters for your password`;
export const PASSWORD_TOO_COMMON = "That password is too common and easy to guess; choose another";
export const PASSWORD_IS_EMAIL = "Your password must not be your email address";

/**
 * The head of public breach-derived lists at this length, and the shop's own name: what an
 * attacker tries first. Lower case; compared case-insensitively.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
	"1234567890",
	"12345678910",
	"123456789a",
	"123456789q",
	"1234567890a",
	"1234567890q",
	"0123456789",
	"0987654321",
	"9876543210",
	"1111111111",
	"0000000000",
	"1212121212",
	"1122334455",
	"1q2w3e4r5t",
	"1q2w3e4r5t6y",
	"q1w2e3r4t5",
	"1qaz2wsx3edc",
	"qazwsxedcrfv",
	"zaq12wsxcde3",
	"123qweasdzxc",
	"qwertyuiop",
	"qwertyuiop123",
	"qwerty1234",
	"qwerty12345",
	"qwerty123456",
	"qwertyuiopasdfghjkl",
	"asdfghjkl1",
	"asdfghjkl123",
	"asdfasdfasdf",
	"zxcvbnm123",
	"zxcvbnmasdfghjkl",
	"abcdefghij",
	"abcdefghijk",
	"abcd123456",
	"abc1234567",
	"a1b2c3d4e5",
	"aaaaaaaaaa",
	"password1!",
	"password12",
	"password123",
	"password1234",
	"password12345",
	"password123!",
	"passw0rd123",
	"p@ssw0rd123",
	"p@ssword123",
	"passwordpassword",
	"mypassword",
	"mypassword1",
	"iloveyou12",
	"iloveyou123",
	"iloveyou1234",
	"letmein123",
	"letmeinplease",
	"welcome123",
	"welcome1234",
	"welcometo123",
	"changeme123",
	"changeme1234",
	"trustno1234",
	"football123",
	"football1234",
	"baseball123",
	"basketball",
	"basketball1",
	"sunshine123",
	"princess123",
	"dragon1234",
	"monkey1234",
	"superman123",
	"batman1234",
	"starwars123",
	"pokemon123",
	"master1234",
	"shadow1234",
	"michael123",
	"jennifer123",
	"charlie123",
	"liverpool1",
	"chelsea123",
	"arsenal123",
	"manchester",
	"1q2w3e4r5t6y7u",
	"administrator",
	"admin12345",
	"adminadmin",
	"rootroot12",
	"secret1234",
	"computer123",
	"internet123",
	"qwerty123!",
	"iloveyou!!",
	"helloworld",
	"helloworld1",
	"whatever123",
	"freedom123",
	"summer2024",
	"summer2025",
	"summer2026",
	"winter2025",
	"winter2026",
	"spring2026",
	"autumn2026",
	"loomwash123",
	"loomwash1234",
	"loomwash2026",
	"loomwashrugs",
]);

/** The first problem with a new password, as a message for the shopper; null when it may be used. */
export function passwordProblem(password: string, email?: string): string | null {
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) return PASSWORD_TOO_SHORT;
	if (length > MAX_PASSWORD_LENGTH) return PASSWORD_TOO_LONG;
	const folded = password.normalize("NFKC").trim().toLowerCase();
	// One character repeated is every list's next entry after the list itself.
	if (COMMON_PASSWORDS.has(folded) || new Set(folded).size <= 2) return PASSWORD_TOO_COMMON;
	if (email !== undefined && folded === email.normalize("NFKC").trim().toLowerCase())
		return PASSWORD_IS_EMAIL;
	return null;
}

/** For tests and docs: how many entries the common list holds. */
export const COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;
