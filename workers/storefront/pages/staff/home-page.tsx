// The console's home: the sections this member's role may use, nothing personal.
import type { StaffIdentity } from "../../../shared/vault-contract";
import { sectionsFor } from "./sections";
import { ROLE_LABEL } from "./staff-layout";
import { StaffPage } from "./staff-page";

export function StaffHomePage({ staff }: { staff: StaffIdentity }) {
	return (
		<StaffPage title="Staff console" staff={staff} current="/staff">
			<p class="lead">
				{`Your role: ${ROLE_LABEL[staff.role]}. `}
				Every page asks the vault whether your role may use it; every opening of personal data is logged.
			</p>
			<ul class="grid">
				{sectionsFor(staff.role).map((section) => (
					<li class="card">
						<h2>
							<a href={section.href}>{section.label}</a>
						</h2>
						<p>{section.summary}</p>
					</li>
				))}
			</ul>
		</StaffPage>
	);
}
