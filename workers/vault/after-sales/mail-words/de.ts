// The order and account mails' words in German (Sie-Form, as German shops write to customers).
import type { MailWords } from "./en";

export const de: MailWords = {
	signOff: "Ihr Loomwash-Kundenservice",
	lookup:
		"Den Stand Ihrer Bestellung sehen Sie unter {shop}/orders/lookup mit der Bestellnummer und dieser E-Mail-Adresse.",
	willShip: "Sobald das Paket unterwegs ist, melden wir uns wieder.",
	"confirmed.subject": "Ihre Loomwash-Bestellung {order} ist bestätigt",
	"confirmed.thanks": "Vielen Dank für Ihre Bestellung: Ihre Zahlung ist eingegangen.",
	"confirmed.order": "Bestellung {order}",
	"confirmed.line": "{quantity} × {name} ({detail}): {amount}",
	"confirmed.subtotal": "Zwischensumme: {amount}",
	"confirmed.shipping": "Versand ({method}): {amount}",
	"confirmed.tax": "zzgl. {name} {rate}: {amount}",
	"confirmed.taxIncluded": "inkl. {name} {rate}: {amount}",
	"confirmed.total": "Gesamtsumme: {amount}",
	"failed.subject": "Die Zahlung für Ihre Loomwash-Bestellung {order} ist fehlgeschlagen",
	"failed.text":
		"Die Zahlung für Bestellung {order} ist fehlgeschlagen, daher wurde die Bestellung storniert.\nEs wurde nichts abgebucht.",
	"failed.again": "Sie können jederzeit erneut bestellen: {home}",
	"late.subject.reinstated": "Ihre Zahlung ist eingegangen: Loomwash-Bestellung {order} wird ausgeführt",
	"late.subject.refunded": "Ihre Zahlung für die Loomwash-Bestellung {order} wurde erstattet",
	"late.arrived":
		"Ihre Zahlung über {amount} für Bestellung {order} ist erst eingegangen, nachdem die Bestellung verfallen war.",
	"late.reinstated":
		"Die Artikel waren noch verfügbar, daher wird Ihre Bestellung wie aufgegeben ausgeführt.",
	"late.refunded":
		"Die Artikel waren nicht mehr verfügbar. Die Bestellung bleibt daher storniert, und\nder volle Betrag von {amount} wurde auf Ihr Zahlungsmittel zurückerstattet.",
	"late.bankDelay": "Je nach Bank kann es einige Tage dauern, bis die Gutschrift erscheint.",
	"shipped.subject": "Ihre Loomwash-Bestellung {order} wurde versandt",
	"shipped.onItsWay": "Bestellung {order} ist unterwegs.",
	"shipped.carrier": "Versanddienstleister: {carrier}",
	"shipped.tracking": "Sendungsnummer: {tracking}",
	"shipped.returns":
		"Nach der Zustellung haben Sie 60 Tage Zeit, die Ware zurückzusenden, falls sie nicht passt.",
	"return.subject": "Rücksendung {return} zur Loomwash-Bestellung {order}: {status}",
	"return.heading": "Rücksendung {return} (Bestellung {order})",
	"return.status.requested": "angefragt",
	"return.status.approved": "genehmigt",
	"return.status.received": "eingegangen",
	"return.status.refunded": "erstattet",
	"return.status.rejected": "abgelehnt",
	"return.requested": "Wir haben Ihre Rücksendeanfrage erhalten und sehen sie uns in Kürze an.",
	"return.approved":
		"Ihre Rücksendung ist genehmigt. Bitte senden Sie die Artikel zurück und vermerken Sie die Rücksendenummer auf dem Paket.",
	"return.received": "Die zurückgesandten Artikel sind bei uns eingetroffen; Ihre Erstattung ist unterwegs.",
	"return.refunded": "Ihre Erstattung ist veranlasst.",
	"return.rejected":
		"Wir konnten diese Rücksendung leider nicht annehmen. Wenn Sie uns antworten, erklärt Ihnen unser Kundenservice den Grund.",
	"return.amount": "Betrag: {amount}",
	"return.bankDelay":
		"Je nach Bank kann es einige Tage dauern, bis der Betrag auf Ihrem Kontoauszug erscheint.",
	"reply.subject.order": "Der Loomwash-Kundenservice hat zu Ihrer Bestellung {order} geantwortet",
	"reply.subject": "Der Loomwash-Kundenservice hat auf Ihre Frage geantwortet",
	"reply.intro": "Unser Kundenservice hat Ihre Frage beantwortet:",
	"reply.continue": "Um das Gespräch fortzusetzen, schreiben Sie uns über den Shop: {home}",
	// The account mails (accounts/mail.ts): confirm, already registered, reset.
	"account.confirm.subject": "Bestätigen Sie Ihr Loomwash-Konto",
	"account.confirm.text":
		"Willkommen bei Loomwash.\n\nBestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto zu eröffnen:\n{confirm}\n\nDer Link fragt nach dem bei der Registrierung gewählten Passwort und gilt einmal, 24 Stunden lang.\nIst es nicht Ihr Passwort (jemand könnte Ihre Adresse verwendet haben), setzen Sie es zurück:\n{reset}\nDas Zurücksetzen bestätigt auch das Konto.\n\nHaben Sie kein Konto angelegt, ignorieren Sie diese Nachricht: Ohne den Link entsteht nichts.",
	"account.known.subject": "Jemand wollte mit Ihrer Adresse ein Loomwash-Konto anlegen",
	"account.known.text":
		"Jemand, vielleicht Sie, wollte mit dieser Adresse ein Loomwash-Konto anlegen,\ndoch es gibt bereits eines. Nichts wurde geändert.\n\nAnmelden mit dieser Adresse und Ihrem Passwort: {home}\nPasswort vergessen? Hier zurücksetzen: {reset}\n\nWaren Sie das nicht, ignorieren Sie diese Nachricht.",
	"account.reset.subject": "Ihr Loomwash-Passwort zurücksetzen",
	"account.reset.text":
		"Jemand, hoffentlich Sie, möchte das Passwort Ihres Loomwash-Kontos zurücksetzen.\n\nHier wählen Sie ein neues Passwort:\n{link}\n\nDer Link gilt einmal, 30 Minuten lang. Das Zurücksetzen meldet alle Geräte ab.\nWaren Sie das nicht, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.",
};
