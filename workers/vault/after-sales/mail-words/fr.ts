// The order mails' words in French (vouvoiement, a space before the colon as French writes it).
import type { MailWords } from "./en";

export const fr: MailWords = {
	signOff: "Le service client Loomwash",
	lookup: "Suivez votre commande sur {shop}/orders/lookup avec son numéro et cette adresse e-mail.",
	willShip: "Nous vous écrirons de nouveau dès l’expédition du colis.",
	"confirmed.subject": "Votre commande Loomwash {order} est confirmée",
	"confirmed.thanks": "Merci pour votre commande : nous avons bien reçu votre paiement.",
	"confirmed.order": "Commande {order}",
	"confirmed.line": "{quantity} × {name} ({detail}) : {amount}",
	"confirmed.subtotal": "Sous-total : {amount}",
	"confirmed.shipping": "Livraison ({method}) : {amount}",
	"confirmed.tax": "{name} {rate} : {amount}",
	"confirmed.taxIncluded": "dont {name} {rate} : {amount}",
	"confirmed.total": "Total : {amount}",
	"failed.subject": "Le paiement de votre commande Loomwash {order} n’a pas abouti",
	"failed.text":
		"Le paiement de la commande {order} n’a pas abouti : la commande a donc été annulée.\nAucun montant n’a été débité.",
	"failed.again": "Vous pouvez passer une nouvelle commande sur {home}",
	"late.subject.reinstated": "Votre paiement est arrivé : la commande Loomwash {order} est maintenue",
	"late.subject.refunded": "Votre paiement pour la commande Loomwash {order} a été remboursé",
	"late.arrived":
		"Votre paiement de {amount} pour la commande {order} est arrivé après l’expiration de la commande.",
	"late.reinstated":
		"Les articles étaient encore disponibles : votre commande est donc maintenue telle que vous l’avez passée.",
	"late.refunded":
		"Les articles n’étaient plus disponibles : la commande reste donc annulée et\nla totalité des {amount} a été remboursée sur le moyen de paiement utilisé.",
	"late.bankDelay": "Selon votre banque, le remboursement peut mettre quelques jours à apparaître.",
	"shipped.subject": "Votre commande Loomwash {order} a été expédiée",
	"shipped.onItsWay": "La commande {order} est en route.",
	"shipped.carrier": "Transporteur : {carrier}",
	"shipped.tracking": "Numéro de suivi : {tracking}",
	"shipped.returns":
		"Une fois la commande livrée, vous disposez de 60 jours pour nous la retourner si elle ne vous convient pas.",
	"return.subject": "Retour {return} de la commande Loomwash {order} : {status}",
	"return.heading": "Retour {return} (commande {order})",
	"return.status.requested": "demandé",
	"return.status.approved": "accepté",
	"return.status.received": "reçu",
	"return.status.refunded": "remboursé",
	"return.status.rejected": "refusé",
	"return.requested": "Nous avons bien reçu votre demande de retour et l’examinerons très prochainement.",
	"return.approved":
		"Votre retour est accepté. Merci de nous renvoyer les articles en indiquant le numéro de retour sur le colis.",
	"return.received": "Les articles retournés sont bien arrivés ; votre remboursement est en cours.",
	"return.refunded": "Votre remboursement a été effectué.",
	"return.rejected":
		"Nous n’avons pas pu accepter ce retour. Le service client vous en expliquera la raison si vous lui répondez.",
	"return.amount": "Montant : {amount}",
	"return.bankDelay":
		"Selon votre banque, il peut falloir quelques jours pour qu’il apparaisse sur votre relevé.",
	"reply.subject.order": "Le service client Loomwash vous a répondu au sujet de la commande {order}",
	"reply.subject": "Le service client Loomwash a répondu à votre question",
	"reply.intro": "Le service client a répondu à votre question :",
	"reply.continue": "Pour poursuivre la conversation, écrivez-nous depuis la boutique : {home}",
};
