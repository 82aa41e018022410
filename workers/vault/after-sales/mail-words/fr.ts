// The order and account mails' words in French (vouvoiement, a space before the colon as French
// writes it).
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
	// The account mails (accounts/mail.ts): confirm, already registered, reset.
	"account.confirm.subject": "Confirmez votre compte Loomwash",
	"account.confirm.text":
		"Bienvenue chez Loomwash.\n\nConfirmez votre adresse e-mail pour finaliser votre compte :\n{confirm}\n\nLe lien demande le mot de passe choisi à l’inscription ; il ne sert qu’une fois, pendant 24 heures.\nSi ce mot de passe n’est pas le vôtre (quelqu’un a pu utiliser votre adresse), réinitialisez-le :\n{reset}\nUne réinitialisation confirme aussi le compte.\n\nSi vous n’avez rien demandé, ignorez ce message : rien n’est créé sans ce lien.",
	"account.known.subject": "Quelqu’un a tenté de créer un compte Loomwash avec votre adresse",
	"account.known.text":
		"Quelqu’un, peut-être vous, a tenté de créer un compte Loomwash avec cette adresse,\nqui en a déjà un. Rien n’a changé.\n\nConnectez-vous avec cette adresse et votre mot de passe sur {home}\nMot de passe oublié ? Réinitialisez-le : {reset}\n\nSi ce n’était pas vous, ignorez ce message.",
	"account.reset.subject": "Réinitialisez votre mot de passe Loomwash",
	"account.reset.text":
		"Quelqu’un, sans doute vous, a demandé à réinitialiser le mot de passe de votre compte Loomwash.\n\nChoisissez un nouveau mot de passe ici :\n{link}\n\nCe lien ne sert qu’une fois, pendant 30 minutes. La réinitialisation déconnecte tous vos appareils.\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
};
