// The order and account mails' words in Spanish (usted, as a shop writes to its customers).
import type { MailWords } from "./en";

export const es: MailWords = {
	signOff: "Atención al cliente de Loomwash",
	lookup:
		"Consulte el estado de su pedido en {shop}/orders/lookup con su número y esta dirección de correo electrónico.",
	willShip: "Le escribiremos de nuevo cuando enviemos el paquete.",
	"confirmed.subject": "Su pedido de Loomwash {order} está confirmado",
	"confirmed.thanks": "Gracias por su pedido: hemos recibido el pago.",
	"confirmed.order": "Pedido {order}",
	"confirmed.line": "{quantity} × {name} ({detail}): {amount}",
	"confirmed.subtotal": "Subtotal: {amount}",
	"confirmed.shipping": "Envío ({method}): {amount}",
	"confirmed.tax": "{name} ({rate}): {amount}",
	"confirmed.taxIncluded": "{name} incluido ({rate}): {amount}",
	"confirmed.total": "Total: {amount}",
	"failed.subject": "No se ha podido completar el pago de su pedido de Loomwash {order}",
	"failed.text":
		"No se ha podido completar el pago del pedido {order}, por lo que el pedido se ha cancelado.\nNo se le ha cobrado nada.",
	"failed.again": "Puede volver a hacer su pedido cuando quiera en {home}",
	"late.subject.reinstated": "Hemos recibido su pago: el pedido de Loomwash {order} sigue adelante",
	"late.subject.refunded": "Le hemos reembolsado el pago del pedido de Loomwash {order}",
	"late.arrived": "Su pago de {amount} del pedido {order} llegó cuando el pedido ya había caducado.",
	"late.reinstated": "Los artículos seguían disponibles, así que su pedido sigue adelante tal como lo hizo.",
	"late.refunded":
		"Los artículos ya no estaban disponibles, así que el pedido sigue cancelado y\nle hemos reembolsado el importe íntegro de {amount} en el medio de pago que utilizó.",
	"late.bankDelay": "Según su banco, puede tardar unos días en aparecer.",
	"shipped.subject": "Su pedido de Loomwash {order} ya está enviado",
	"shipped.onItsWay": "El pedido {order} está en camino.",
	"shipped.carrier": "Transportista: {carrier}",
	"shipped.tracking": "Número de seguimiento: {tracking}",
	"shipped.returns": "Una vez entregado, dispone de 60 días para devolverlo si no le convence.",
	"return.subject": "Devolución {return} del pedido de Loomwash {order}: {status}",
	"return.heading": "Devolución {return} (pedido {order})",
	"return.status.requested": "solicitada",
	"return.status.approved": "aprobada",
	"return.status.received": "recibida",
	"return.status.refunded": "reembolsada",
	"return.status.rejected": "rechazada",
	"return.requested": "Hemos recibido su solicitud de devolución y la revisaremos en breve.",
	"return.approved":
		"Su devolución está aprobada. Envíenos los artículos con el número de devolución bien visible en el paquete.",
	"return.received": "Los artículos devueltos ya han llegado; su reembolso está en camino.",
	"return.refunded": "Hemos emitido su reembolso.",
	"return.rejected":
		"No hemos podido aceptar esta devolución. Si nos responde, atención al cliente le explicará el motivo.",
	"return.amount": "Importe: {amount}",
	"return.bankDelay": "Según su banco, puede tardar unos días en aparecer en su extracto.",
	"reply.subject.order": "Atención al cliente de Loomwash ha respondido sobre su pedido {order}",
	"reply.subject": "Atención al cliente de Loomwash ha respondido a su consulta",
	"reply.intro": "Atención al cliente ha respondido a su consulta:",
	"reply.continue": "Para continuar la conversación, escríbanos desde la tienda: {home}",
	// The account mails (accounts/mail.ts): confirm, already registered, reset.
	"account.confirm.subject": "Confirme su cuenta de Loomwash",
	"account.confirm.text":
		"Le damos la bienvenida a Loomwash.\n\nConfirme su correo electrónico para terminar de crear su cuenta:\n{confirm}\n\nEl enlace le pedirá la contraseña elegida al registrarse; sirve una vez, durante 24 horas.\nSi esa contraseña no es suya (quizá otra persona usó su dirección), restablézcala:\n{reset}\nRestablecerla también confirma la cuenta.\n\nSi no ha pedido una cuenta, ignore este mensaje: sin el enlace no se crea nada.",
	"account.known.subject": "Alguien ha intentado crear una cuenta de Loomwash con su dirección",
	"account.known.text":
		"Alguien, quizá usted, ha intentado crear una cuenta de Loomwash con esta dirección,\nque ya tiene una. No se ha cambiado nada.\n\nInicie sesión con esta dirección y su contraseña en {home}\n¿Ha olvidado su contraseña? Restablézcala: {reset}\n\nSi no ha sido usted, ignore este mensaje.",
	"account.reset.subject": "Restablezca su contraseña de Loomwash",
	"account.reset.text":
		"Alguien, esperamos que usted, ha pedido restablecer la contraseña de su cuenta de Loomwash.\n\nElija una nueva contraseña aquí:\n{link}\n\nEl enlace sirve una vez, durante 30 minutos. Al restablecerla se cierra la sesión en todos sus dispositivos.\nSi no lo ha pedido, ignore este mensaje: su contraseña no cambiará.",
};
