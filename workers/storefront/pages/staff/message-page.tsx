// Refusals and faults inside the console: a heading, one sentence and the way back, kept out of
// search engines like every staff page.
import { Layout } from "../layout";
import { STAFF_CSS } from "./styles";

export function StaffMessagePage({ title, message }: { title: string; message: string }) {
	return (
		<Layout title={`${title} · Staff`} categories={[]} styles={STAFF_CSS} noindex>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			<p>
				<a href="/staff">Back to the staff console</a>
			</p>
		</Layout>
	);
}
