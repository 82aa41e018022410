// A bare page frame for the payment and order-status pages: no scripts, works without JS.
import type { Child } from "hono/jsx";
import { useLocale } from "../i18n/locale-context";
import { MarketSelector } from "./layout";

export function CommerceLayout(props: {
	title: string;
	/** The market and language selector; on by default, as on every shopper page. */
	marketSelector?: boolean;
	children: Child;
}) {
	const l = useLocale();
	return (
		<html lang={l.tag}>
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="robots" content="noindex" />
				<title>{`${props.title} · Loomwash`}</title>
				<link rel="icon" href="data:," />
				<style>
					{
						"body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}"
					}
				</style>
			</head>
			<body>
				<main>{props.children}</main>
				{props.marketSelector === false ? null : (
					<footer>
						<MarketSelector />
					</footer>
				)}
			</body>
		</html>
	);
}
