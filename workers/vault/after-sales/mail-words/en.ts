// The order and account mails' words in English (issue #13): the reference. Every other language
// has exactly these keys with the same {placeholders} (test/unit/mail-words.test.ts). A value may
// hold a line break where the text wraps; the code lays out the rest (blank lines, indents, the
// sign-off). An account mail's text is one value, blank lines included, each link a placeholder
// on a line of its own: one key per text rather than per line keeps the vault's bundle small.
export const en = {
	signOff: "Loomwash customer service",
	lookup: "Follow your order at {shop}/orders/lookup with its number and this email address.",
	willShip: "We will write again when the parcel ships.",
	"confirmed.subject": "Your Loomwash order {order} is confirmed",
	"confirmed.thanks": "Thank you for your order: the payment has arrived.",
	"confirmed.order": "Order {order}",
	"confirmed.line": "{quantity} × {name} ({detail}): {amount}",
	"confirmed.subtotal": "Subtotal: {amount}",
	"confirmed.shipping": "Shipping ({method}): {amount}",
	"confirmed.tax": "{name} {rate}: {amount}",
	"confirmed.taxIncluded": "incl. {name} {rate}: {amount}",
	"confirmed.total": "Total: {amount}",
	"failed.subject": "The payment for Loomwash order {order} did not go through",
	"failed.text":
		"The payment for order {order} did not go through, so the order has been cancelled.\nNothing was charged.",
	"failed.again": "You are welcome to order again at {home}",
	"late.subject.reinstated": "Your payment arrived: Loomwash order {order} goes ahead",
	"late.subject.refunded": "Your payment for Loomwash order {order} has been refunded",
	"late.arrived": "Your payment of {amount} for order {order} arrived after the order had lapsed.",
	"late.reinstated": "The items were still available, so your order goes ahead as placed.",
	"late.refunded":
		"The items were no longer available, so the order stays cancelled and\nthe full {amount} has been refunded to the payment method you used.",
	"late.bankDelay": "Depending on your bank, it can take a few days to appear.",
	"shipped.subject": "Your Loomwash order {order} has shipped",
	"shipped.onItsWay": "Order {order} is on its way.",
	"shipped.carrier": "Carrier: {carrier}",
	"shipped.tracking": "Tracking number: {tracking}",
	"shipped.returns": "Once it is delivered you have 60 days to return it if it is not right.",
	"return.subject": "Return {return} for Loomwash order {order}: {status}",
	"return.heading": "Return {return} (order {order})",
	"return.status.requested": "requested",
	"return.status.approved": "approved",
	"return.status.received": "received",
	"return.status.refunded": "refunded",
	"return.status.rejected": "rejected",
	"return.requested": "We have received your return request and will look at it shortly.",
	"return.approved":
		"Your return is approved. Please send the items back with the return number on the parcel.",
	"return.received": "The returned items have arrived; your refund is on its way.",
	"return.refunded": "Your refund has been issued.",
	"return.rejected":
		"We could not accept this return. Customer service will explain why if you reply to them.",
	"return.amount": "Amount: {amount}",
	"return.bankDelay": "Depending on your bank, it can take a few days to appear on your statement.",
	"reply.subject.order": "Loomwash customer service replied about order {order}",
	"reply.subject": "Loomwash customer service replied to your question",
	"reply.intro": "Customer service has answered your question:",
	"reply.continue": "To continue the conversation, write to us from the shop: {home}",
	// The account mails (accounts/mail.ts): confirm, already registered, reset.
	"account.confirm.subject": "Confirm your Loomwash account",
	"account.confirm.text":
		"Welcome to Loomwash.\n\nConfirm your email address to finish creating your account:\n{confirm}\n\nThe link asks for the password chosen when the account was created; it works once, for 24 hours.\nIf that password is not yours (someone else may have used your address), reset it instead:\n{reset}\nA completed reset confirms the account too.\n\nIf you did not ask for an account, ignore this message: nothing is created until the link is used.",
	"account.known.subject": "Someone tried to create a Loomwash account with your address",
	"account.known.text":
		"Someone, perhaps you, tried to create a Loomwash account with this email address,\nwhich already has one. Nothing was changed.\n\nTo sign in, use the address and your password at {home}\nForgot your password? Reset it: {reset}\n\nIf this was not you, you can ignore this message.",
	"account.reset.subject": "Reset your Loomwash password",
	"account.reset.text":
		"Someone, hopefully you, asked to reset the password of your Loomwash account.\n\nChoose a new password here:\n{link}\n\nThe link works once, for 30 minutes. Resetting signs out every device.\nIf you did not ask for this, ignore this message: your password stays as it is.",
};

export type MailWordKey = keyof typeof en;
export type MailWords = Readonly<Record<MailWordKey, string>>;
