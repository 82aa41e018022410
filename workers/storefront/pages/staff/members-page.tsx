// Staff and roles (admin): the members by pseudonymous id and role, a form to add one by their
// Access email, and per member a role change or deactivation. The vault audits each change.
import { STAFF_ROLES, type StaffIdentity, type StaffMember } from "../../../shared/vault-contract";
import { TextInput } from "./field-parts";
import { ScrollTable } from "./list-parts";
import { dateTime, FieldError, type FormErrors, invalid, NO_ERRORS, ROLE_LABEL } from "./staff-layout";
import { StaffPage } from "./staff-page";

export type AddMemberValues = { email?: string; role?: string };

export function MembersPage({
	staff,
	members,
	values = {},
	errors = NO_ERRORS,
}: {
	staff: StaffIdentity;
	members: StaffMember[];
	values?: AddMemberValues;
	errors?: FormErrors;
}) {
	return (
		<StaffPage title="Staff and roles" staff={staff} current="/staff/members" errors={errors}>
			<ScrollTable
				captionId="members-caption"
				caption="Staff members"
				head={
					<>
						<th scope="col">Member</th>
						<th scope="col">Role</th>
						<th scope="col">Status</th>
						<th scope="col">Added (UTC)</th>
						<th scope="col">Change</th>
					</>
				}
			>
				{members.map((member) => (
					<tr>
						<th scope="row">
							{member.id}
							{member.id === staff.id ? " (you)" : ""}
							{member.intact ? "" : <span class="bad"> record altered: cannot sign in</span>}
						</th>
						<td>{ROLE_LABEL[member.role]}</td>
						<td>{member.status === "active" ? "Active" : "Deactivated"}</td>
						<td>{dateTime(member.createdAt)}</td>
						<td>
							<form method="post" action={`/staff/members/${member.id}`} class="inline">
								<label for={`role-${member.id}`}>
									<span class="visually-hidden">{`Role of ${member.id}`}</span>
								</label>
								<select id={`role-${member.id}`} name="role">
									{STAFF_ROLES.map((role) => (
										<option value={role} selected={member.role === role}>
											{ROLE_LABEL[role]}
										</option>
									))}
								</select>
								<button type="submit">
									Change role<span class="visually-hidden">{` of ${member.id}`}</span>
								</button>
							</form>
							<form method="post" action={`/staff/members/${member.id}`} class="inline">
								<input
									type="hidden"
									name="status"
									value={member.status === "active" ? "disabled" : "active"}
								/>
								<button type="submit" class="link">
									{member.status === "active" ? "Deactivate" : "Reactivate"}
									<span class="visually-hidden">{` ${member.id}`}</span>
								</button>
							</form>
						</td>
					</tr>
				))}
			</ScrollTable>
			<h2>Add a staff member</h2>
			<form method="post" action="/staff/members" novalidate>
				<fieldset>
					<legend>New member</legend>
					<TextInput
						id="email"
						name="email"
						type="email"
						label="Access email"
						hint="The address they sign in to Cloudflare Access with. Only its blind index is stored."
						value={values.email ?? ""}
						errors={errors}
						autocomplete="off"
						required
					/>
					<div class="field">
						<label for="role">Role</label>
						<FieldError id="role" errors={errors} />
						<select id="role" name="role" required {...invalid("role", errors)}>
							<option value="">Choose a role</option>
							{STAFF_ROLES.map((role) => (
								<option value={role} selected={values.role === role}>
									{ROLE_LABEL[role]}
								</option>
							))}
						</select>
					</div>
					<button type="submit">Add</button>
				</fieldset>
			</form>
		</StaffPage>
	);
}
