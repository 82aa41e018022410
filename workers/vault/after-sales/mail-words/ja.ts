// The order and account mails' words in Japanese (polite keigo, 【shop】 subjects as Japanese shops
// send them).
import type { MailWords } from "./en";

export const ja: MailWords = {
	signOff: "Loomwash カスタマーサービス",
	lookup: "ご注文の状況は、{shop}/orders/lookup にて注文番号とこのメールアドレスでご確認いただけます。",
	willShip: "商品の発送時に改めてご連絡いたします。",
	"confirmed.subject": "【Loomwash】ご注文確定のお知らせ（注文番号 {order}）",
	"confirmed.thanks": "このたびはご注文いただき、誠にありがとうございます。お支払いを確認いたしました。",
	"confirmed.order": "注文番号 {order}",
	"confirmed.line": "{name}（{detail}）× {quantity}：{amount}",
	"confirmed.subtotal": "小計：{amount}",
	"confirmed.shipping": "送料（{method}）：{amount}",
	"confirmed.tax": "{name}（{rate}）：{amount}",
	"confirmed.taxIncluded": "（うち{name} {rate}：{amount}）",
	"confirmed.total": "合計：{amount}",
	"failed.subject": "【Loomwash】ご注文 {order} のお支払いが完了しませんでした",
	"failed.text":
		"ご注文 {order} のお支払いが完了しなかったため、ご注文をキャンセルいたしました。\n代金は請求されておりません。",
	"failed.again": "またのご注文をお待ちしております：{home}",
	"late.subject.reinstated": "【Loomwash】お支払いを確認しました：ご注文 {order} を手配いたします",
	"late.subject.refunded": "【Loomwash】ご注文 {order} のお支払いを返金いたしました",
	"late.arrived":
		"ご注文 {order} の代金 {amount} のお支払いを、ご注文の有効期限が切れた後に確認いたしました。",
	"late.reinstated": "商品の在庫がございましたので、ご注文のとおり手配いたします。",
	"late.refunded":
		"商品の在庫がなくなっていたため、ご注文はキャンセルのままとなり、\n{amount} の全額をお支払いに使われた方法へ返金いたしました。",
	"late.bankDelay": "ご利用の金融機関によっては、反映まで数日かかる場合がございます。",
	"shipped.subject": "【Loomwash】ご注文 {order} の商品を発送いたしました",
	"shipped.onItsWay": "ご注文 {order} の商品を発送いたしました。",
	"shipped.carrier": "配送業者：{carrier}",
	"shipped.tracking": "追跡番号：{tracking}",
	"shipped.returns": "お届けから 60 日以内であれば、商品がお気に召さない場合に返品いただけます。",
	"return.subject": "【Loomwash】ご注文 {order} の返品 {return}：{status}",
	"return.heading": "返品 {return}（ご注文 {order}）",
	"return.status.requested": "受付済み",
	"return.status.approved": "承認済み",
	"return.status.received": "到着済み",
	"return.status.refunded": "返金済み",
	"return.status.rejected": "お受けできませんでした",
	"return.requested": "返品のご依頼を承りました。内容を確認のうえ、追ってご連絡いたします。",
	"return.approved": "返品を承認いたしました。返品番号を荷物に記載のうえ、商品をご返送ください。",
	"return.received": "ご返送いただいた商品が到着いたしました。返金の手続きを進めております。",
	"return.refunded": "返金の手続きが完了いたしました。",
	"return.rejected":
		"誠に恐れ入りますが、今回の返品はお受けできませんでした。ご返信いただければ、カスタマーサービスより理由をご説明いたします。",
	"return.amount": "金額：{amount}",
	"return.bankDelay": "ご利用の金融機関によっては、明細に反映されるまで数日かかる場合がございます。",
	"reply.subject.order": "【Loomwash】ご注文 {order} に関するお問い合わせへの回答",
	"reply.subject": "【Loomwash】お問い合わせへの回答",
	"reply.intro": "お問い合わせいただいた件につきまして、カスタマーサービスより下記のとおりご回答いたします。",
	"reply.continue": "引き続きのお問い合わせは、ショップからお送りください：{home}",
	// The account mails (accounts/mail.ts): confirm, already registered, reset.
	"account.confirm.subject": "【Loomwash】アカウント登録のご確認",
	"account.confirm.text":
		"Loomwash へようこそ。\n\n下記リンクからメールアドレスを確認し、登録を完了してください。\n{confirm}\n\nリンク先で、ご登録時のパスワードを入力してください（有効期限 24 時間、1 回限り）。\nこのパスワードにお心当たりがない場合（第三者による登録の可能性があります）は、こちらで再設定してください：\n{reset}\n再設定が完了すると、アカウントも確認済みになります。\n\nお心当たりがない場合は、このメールを破棄してください。リンクを使わない限り、登録はされません。",
	"account.known.subject": "【Loomwash】お客様のアドレスで登録が試みられました",
	"account.known.text":
		"お客様または第三者が、このメールアドレスで Loomwash に登録しようとしましたが、\nすでに登録済みのため、何も変更されていません。\n\nこのアドレスとパスワードでログインできます：{home}\nパスワードをお忘れの場合はこちら：{reset}\n\nお心当たりがない場合は、このメールを破棄してください。",
	"account.reset.subject": "【Loomwash】パスワード再設定のご案内",
	"account.reset.text":
		"Loomwash アカウントのパスワード再設定のご依頼を承りました。\n\n下記リンクから新しいパスワードを設定してください。\n{link}\n\n有効期限は 30 分、1 回限りです。再設定すると、すべての端末でログアウトされます。\nお心当たりがない場合は、このメールを破棄してください（パスワードは変わりません）。",
};
