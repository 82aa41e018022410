-- The privacy policy in force from 2026-11-01 (issue #9, DESIGN P13): the seed policy's six sections
-- restated clause by clause in plain words, each clause naming the mechanism that keeps it.
-- A later version is a new migration inserting a new row; published rows are never edited.
INSERT INTO policy_versions (version, effective_at, summary, clauses, published_at) VALUES (
	'2026-11-01',
	1793491200000,
	'Loomwash''s first published privacy policy: what we collect and why, how it is encrypted and who may open it, how long it is kept, who receives it, and what you can ask of us.',
	'[
	{
		"id": "1.1",
		"title": "Who this policy is for",
		"text": "This policy applies to everyone who browses Loomwash, buys from us as a guest or has an account with us. It says what personal data we collect, why, how we protect it, how long we keep it, who receives it, and what you can ask of us.",
		"mechanism": "The record of processing (GET /api/v1/privacy/record, docs/record-of-processing.md) is generated from the annotations beside every database column, so the data this policy describes is the data the code holds."
	},
	{
		"id": "1.2",
		"title": "Why we collect personal data, and what we never do with it",
		"text": "We use personal data to take, deliver and charge for your orders, to handle returns and customer service, to run your account, and to keep the shop and your data safe. We never sell, rent or trade personal data.",
		"mechanism": "The personal-field registry: every personal column names its purpose and legal basis beside the schema, and a test fails when a column is added without saying whether it is personal."
	},
	{
		"id": "2.1",
		"title": "What you give us",
		"text": "At checkout: your name, email address, phone number and delivery address. With an account: your email address, password, nickname, saved addresses and consent choices. In customer service and reviews: what you write. Card details are typed into the payment provider''s own page and never reach us. We ask for nothing that delivery, after-sales or your account does not need, and a request carrying anything else is refused, not stored.",
		"mechanism": "Strict input schemas (an unknown field is a 400 error, never stored); checkout redirects to the payment provider''s hosted page and a signed webhook confirms the payment."
	},
	{
		"id": "2.2",
		"title": "What we count while you browse",
		"text": "When you view a product, change your cart, buy or open a page, we count it: which product or page, a coarse device class (mobile, tablet or desktop), a country and the hour. Your IP address, browser, cookies, account and any identifier are dropped before anything is counted, and only totals are kept.",
		"mechanism": "The analytics pipeline: events carry no identifier, the consumer strips everything but coarse dimensions, and the analytics database holds counts only."
	},
	{
		"id": "3.1",
		"title": "Delivering your order",
		"text": "The carrier receives the consignee''s name, address and phone number and what is in the parcel, on a shipping manifest. Order mails (confirmation, shipping, refunds) go to the email address you gave and carry order numbers, amounts and tracking, never your name, phone or address.",
		"mechanism": "The logistics manifest, open to fulfilment staff only, with one audited vault opening per export; order mails are built and sent by the vault, the only part of the shop that can open an address."
	},
	{
		"id": "3.2",
		"title": "Recommendations without a profile of you",
		"text": "We suggest rugs from what shoppers in general view and buy together, not from a profile of you. The products you viewed recently stay in a cookie in your own browser. Published counts carry random noise and small counts are never shown, so no one can be picked out of them.",
		"mechanism": "The analytics pipeline: at most 3 product pairs per event, discrete Laplace noise on published counts, and a threshold (5 by default) below which nothing is returned."
	},
	{
		"id": "3.3",
		"title": "Customer service",
		"text": "Customer service staff open your order contact only while a return or consultation on that order is open, to solve it. Every opening is recorded.",
		"mechanism": "The role matrix (docs/roles.md): support opens an order''s contact only while a case on it is open; the vault writes each opening to the audit log before it shows anything."
	},
	{
		"id": "3.4",
		"title": "Keeping the shop running, and no advertising",
		"text": "Anonymous counts and our operational logs help us keep the shop fast and secure. Our logs never contain your personal data. We do not send third-party advertising, and we record a marketing consent only as you give it.",
		"mechanism": "One logger that redacts personal fields and never logs request bodies or full URLs; the marketing consent is stored with the policy version and time it was given or withdrawn."
	},
	{
		"id": "4.1",
		"title": "Everything personal is encrypted",
		"text": "Every name, email address, phone number, address, message, return description, review and nickname is encrypted before it is stored, under a key of the person it belongs to. Only our vault service holds the keys; the shop''s web server stores what it cannot read. We find your email address for sign-in or an order lookup without decrypting anything.",
		"mechanism": "The vault and sealing: AES-256-GCM bound to table, row and field, under a per-person data key wrapped by key-encryption keys only the vault holds; email lookups compare keyed blind indexes (HMAC-SHA256)."
	},
	{
		"id": "4.2",
		"title": "Staff access is limited and logged",
		"text": "Staff have one role each (support, fulfilment, compliance or admin), which decides what they may open and for what purpose; anything not allowed is refused. Every opening, export, disclosure, deletion and role change is written to a log that cannot be edited, before any data is shown.",
		"mechanism": "The role matrix, deny by default, applied by the vault to the staff member''s verified Cloudflare Access identity; the append-only, hash-chained audit log with signed, write-once checkpoints."
	},
	{
		"id": "4.3",
		"title": "How long we keep order data",
		"text": "When an order''s 60-day return window has closed and no return or refund is open, we delete its personal data: contact, address, return descriptions and messages. The order keeps only what accounting needs: its number, dates, items, amounts and country. An order that was never paid loses its personal data 30 days after it was cancelled.",
		"mechanism": "Retention jobs run by the daily cron, resumable and idempotent; each purge is written to the audit log before it happens."
	},
	{
		"id": "4.4",
		"title": "Inactive accounts, carts and sessions",
		"text": "After 24 months without a sign-in, an account''s data is locked under a separate dormant key and unlocked at the next sign-in. After 12 more months we email a notice, and 30 days later the account is erased. Carts are deleted 30 days after their last change, sessions after they expire or you log out, payment messages after 90 days.",
		"mechanism": "Retention jobs: dormant re-wrapping, the erasure notice and erasure in the vault; cart, session and payment-event expiry; every step audited."
	},
	{
		"id": "4.5",
		"title": "Deleting is destroying the key",
		"text": "We erase by destroying the key that encrypts a person''s data, so no copy of the encrypted data can be read again. Our database provider can restore a backup of the last 30 days; the keys that could open a restored key are retired on a schedule, so erasure becomes irreversible within a bound we state in our documentation.",
		"mechanism": "Crypto-shredding in the vault, with key-encryption key generations rotated and retired after the Time Travel window (docs/vault.md, \"Keys, rotation and the Time Travel bound\")."
	},
	{
		"id": "5.1",
		"title": "Who else receives your data",
		"text": "Only the services we cannot deliver without, and only what each needs: the carrier gets the consignee''s name, address and phone number and the parcel contents; the payment provider gets the amount, currency and order number; the mail service gets the recipient address and the message. A review''s text and nickname are shown to everyone once staff publish it. No one else receives personal data from us.",
		"mechanism": "Minimal-sharing code paths pinned by tests (the manifest''s columns, the exact requests to the payment provider, the contents of each mail); every recipient and what it receives is listed in the record of processing."
	},
	{
		"id": "5.2",
		"title": "Disclosure to authorities, only after review",
		"text": "We disclose personal data only for one of three reasons: a legal order from a competent authority, fraud against the shop, or an emergency threatening someone''s safety. Each request names its reason, whose data and which fields. A compliance officer other than the person asking must approve it, with a reason, before anything is disclosed, and every step is logged.",
		"mechanism": "Disclosure review in the vault: request, decision by a different compliance officer, then the scoped export; nothing runs unapproved, and each step is audited."
	},
	{
		"id": "6.1",
		"title": "See, take, correct and delete your data",
		"text": "With an account you can download everything we hold about you as JSON, change your nickname, saved addresses and consents, correct the delivery contact of an order until it is packed, and delete your account at any time. An order already on its way keeps the address it was sent to. Deleting your account destroys the keys of your data first, then removes its rows; your orders keep only their accounting fields and your reviews stay without your name.",
		"mechanism": "The rights endpoints under /api/v1/me (GET /api/v1/me/data, PATCH /api/v1/me, /api/v1/me/addresses, PATCH /api/v1/me/orders/{number}/contact, DELETE /api/v1/me), opened by the vault with your own session and audited."
	},
	{
		"id": "6.2",
		"title": "Guests have the same rights",
		"text": "Without an account, send us your order number and the email address you used. We mail a single-use link to that address; through it you can ask for your data, its correction or its deletion. Export and deletion complete on their own; a correction goes through customer service. Our answer is the same whether or not the two matched, so no one learns whose order it is.",
		"mechanism": "POST /api/v1/privacy-requests and the vault''s single-use, expiring links, matched by blind index and sent by the vault; each step audited."
	},
	{
		"id": "6.3",
		"title": "Stopping analytics",
		"text": "Anonymous counting is on until you withdraw it, in your account or with the shop''s consent setting; from your next request nothing about your visits is sent for counting, and a withdrawal in your account holds on every device. We also honour Global Privacy Control and Do Not Track signals from your browser. Each consent you give or withdraw is recorded with the policy version and time.",
		"mechanism": "Consent checks before any event is sent: the Sec-GPC and DNT headers, the consent cookie and the account''s setting (PUT /api/v1/consent, PUT /api/v1/me/consents)."
	},
	{
		"id": "6.4",
		"title": "Changes to this policy",
		"text": "A new version of this policy is published with the date it takes effect, and earlier versions stay readable. Continuing to browse does not count as agreeing to anything new: your consents stay recorded under the version you gave them, and if you have an account we tell you once about a newer version the next time you open it.",
		"mechanism": "Policy versions with effective dates in the database, served with their history at GET /api/v1/privacy/policy; the one-time notice in GET /api/v1/me."
	}
]',
	1793491200000
);
