import { fail } from '@sveltejs/kit';
import { requireOrganizer, requireStaff } from '$lib/server/auth/guard';
import { addStaffSchema, staffEmailFieldSchema } from '$lib/server/auth/schema';
import { addStaff, listStaff, setStaffActive, StaffChangeRefused } from '$lib/server/auth/staff';
import { transaction } from '$lib/server/auth/transaction';
import { assertCsrf } from '$lib/server/http/csrf';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	return {
		team: await listStaff(event.locals.sql),
		canManage: member.role === 'organizer',
		me: member.email
	};
};

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** Both buttons of a team member: switch off, or back on. */
async function setActive(event: RequestEvent, active: boolean) {
	const { member } = requireOrganizer(event);
	const form = await event.request.formData();
	assertCsrf(event, form);
	const parsed = staffEmailFieldSchema.safeParse({ email: text(form, 'email') });
	if (!parsed.success) return fail(400, { action: 'status' as const, message: 'Deze collega staat niet in het team.' });
	try {
		await transaction(event.locals.sql, (tx) => setStaffActive(tx, parsed.data.email, active, member.email));
	} catch (error) {
		if (!(error instanceof StaffChangeRefused)) throw error;
		return fail(error.reason === 'not-found' ? 404 : 409, { action: 'status' as const, message: error.message });
	}
	return { action: 'status' as const, changed: parsed.data.email, active };
}

export const actions: Actions = {
	toevoegen: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const values = { email: text(form, 'email'), name: text(form, 'name'), role: text(form, 'role') };
		const parsed = addStaffSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? 'email');
				errors[field] ??= issue.message;
			}
			return fail(400, { action: 'toevoegen' as const, values, errors });
		}
		try {
			const added = await transaction(event.locals.sql, (tx) => addStaff(tx, parsed.data, member.email));
			return { action: 'toevoegen' as const, added: added.email };
		} catch (error) {
			if (!(error instanceof StaffChangeRefused)) throw error;
			const errors: Record<string, string> = { email: error.message };
			return fail(409, { action: 'toevoegen' as const, values, errors });
		}
	},
	uitschakelen: (event) => setActive(event, false),
	inschakelen: (event) => setActive(event, true)
};
