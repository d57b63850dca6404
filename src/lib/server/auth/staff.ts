import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { staffEmailSchema, staffRoleSchema, type StaffRole } from './schema';
import { transaction } from './transaction';

export type { StaffRole };

/** Someone who may use `/beheer`: organizers change things, facilitators run sessions and look. */
export interface StaffMember {
	email: string;
	name: string | null;
	role: StaffRole;
}

/** A row of the team page. */
export interface StaffListEntry extends StaffMember {
	active: boolean;
	createdAt: Date;
	lastSignInAt: Date | null;
}

/** Why a change to the team was refused; `message` is the Dutch sentence for the desk. */
export class StaffChangeRefused extends Error {
	override name = 'StaffChangeRefused';
	constructor(
		readonly reason: 'exists' | 'not-found' | 'last-organizer' | 'self',
		message: string
	) {
		super(message);
	}
}

const staffRowSchema = z.object({
	email: z.string(),
	name: z.string().nullable(),
	role: staffRoleSchema,
	active: z.boolean(),
	created_at: z.date(),
	last_sign_in_at: z.date().nullable()
});

function toEntry(row: unknown): StaffListEntry {
	const parsed = staffRowSchema.parse(row);
	return {
		email: parsed.email,
		name: parsed.name,
		role: parsed.role,
		active: parsed.active,
		createdAt: parsed.created_at,
		lastSignInAt: parsed.last_sign_in_at
	};
}

function toMember(entry: StaffMember): StaffMember {
	return { email: entry.email, name: entry.name, role: entry.role };
}

/**
 * Makes every address of ORGANIZER_EMAILS an organizer: adds the missing ones and promotes
 * facilitators. Runs at every start, so it changes nothing the second time. A deactivated
 * address stays deactivated: switching someone off on the team page is a later, deliberate
 * decision that a restart must not undo (`scripts/staff-add.ts` switches someone back on).
 */
export async function ensureConfiguredOrganizers(
	sql: Sql,
	emails: readonly string[],
	log: Logger
): Promise<{ added: number; promoted: number; inactive: number }> {
	const result = { added: 0, promoted: 0, inactive: 0 };
	const valid = new Set<string>();
	for (const email of emails) {
		const parsed = staffEmailSchema.safeParse(email);
		if (parsed.success) valid.add(parsed.data);
		else log.warn('ORGANIZER_EMAILS holds an address that is not valid; skipped');
	}
	for (const email of valid) {
		await transaction(sql, async (tx) => {
			const inserted = await tx`
				insert into public.staff (email, role) values (${email}, 'organizer')
				on conflict (email) do nothing
				returning email
			`;
			if (inserted.length > 0) {
				result.added += 1;
				await recordAudit(tx, {
					actor: 'systeem',
					action: 'staff.added',
					details: { email, role: 'organizer', source: 'ORGANIZER_EMAILS' }
				});
				return;
			}
			const promoted = await tx`
				update public.staff set role = 'organizer'
				where email = ${email} and role <> 'organizer'
				returning email
			`;
			if (promoted.length > 0) {
				result.promoted += 1;
				await recordAudit(tx, {
					actor: 'systeem',
					action: 'staff.role_changed',
					details: { email, from: 'facilitator', to: 'organizer', source: 'ORGANIZER_EMAILS' }
				});
			}
			const [row] = await tx<{ active: boolean }[]>`select active from public.staff where email = ${email}`;
			if (row && !row.active) result.inactive += 1;
		});
	}
	// Counts only: e-mail addresses never go into a log line.
	if (result.added || result.promoted) log.info({ added: result.added, promoted: result.promoted }, 'configured organizers ensured');
	if (result.inactive) {
		log.warn({ inactive: result.inactive }, 'ORGANIZER_EMAILS names staff that were deactivated on the team page; left deactivated');
	}
	return result;
}

/** Everyone who is or was staff: active first, then organizers before facilitators, by address. */
export async function listStaff(sql: Sql): Promise<StaffListEntry[]> {
	const rows = await sql`
		select email, name, role, active, created_at, last_sign_in_at
		from public.staff
		order by active desc, role = 'organizer' desc, email
	`;
	return rows.map(toEntry);
}

/** The staff member with this address if they may sign in now, else null. */
export async function findActiveStaff(sql: Sql, email: string): Promise<StaffMember | null> {
	const [row] = await sql`
		select email, name, role, active, created_at, last_sign_in_at
		from public.staff where email = ${email.trim().toLowerCase()} and active
	`;
	return row ? toMember(toEntry(row)) : null;
}

/**
 * Adds a colleague to the team; refused when the address is already there (active or not —
 * switching someone back on is `setStaffActive`). Call inside a transaction: the audit line
 * commits with the change.
 */
export async function addStaff(
	tx: Sql,
	input: { email: string; name: string | null; role: StaffRole },
	actor: AuditActor
): Promise<StaffMember> {
	const email = staffEmailSchema.parse(input.email);
	const [row] = await tx`
		insert into public.staff (email, name, role) values (${email}, ${input.name}, ${input.role})
		on conflict (email) do nothing
		returning email, name, role, active, created_at, last_sign_in_at
	`;
	if (!row) throw new StaffChangeRefused('exists', 'Dit e-mailadres staat al in het team.');
	const member = toMember(toEntry(row));
	await recordAudit(tx, { actor, action: 'staff.added', details: { email, role: member.role } });
	return member;
}

export type EnrolOutcome = 'added' | 'activated' | 'updated' | 'unchanged';

/**
 * Adds a staff member, or switches an existing one back on and updates their role and name
 * (the command line's `staff-add`). A role left out keeps the existing role; a new person
 * without one becomes an organizer, because the command exists to let the first one in.
 */
export async function enrolStaff(
	tx: Sql,
	input: { email: string; name?: string | null; role?: StaffRole },
	actor: AuditActor
): Promise<{ member: StaffMember; outcome: EnrolOutcome }> {
	const email = staffEmailSchema.parse(input.email);
	await lockActiveOrganizers(tx);
	const [current] = await tx`
		select email, name, role, active, created_at, last_sign_in_at
		from public.staff where email = ${email} for update
	`;
	if (!current) {
		const member = await addStaff(tx, { email, name: input.name ?? null, role: input.role ?? 'organizer' }, actor);
		return { member, outcome: 'added' };
	}
	const before = toEntry(current);
	const role = input.role ?? before.role;
	const name = input.name ?? before.name;
	if (before.active && before.role === 'organizer' && role !== 'organizer') await refuseIfLastOrganizer(tx, email);
	const [row] = await tx`
		update public.staff set active = true, role = ${role}, name = ${name}
		where email = ${email}
		returning email, name, role, active, created_at, last_sign_in_at
	`;
	const member = toMember(toEntry(row));
	const changed = before.role !== role || before.name !== name;
	const outcome: EnrolOutcome = !before.active ? 'activated' : changed ? 'updated' : 'unchanged';
	if (outcome !== 'unchanged') {
		await recordAudit(tx, {
			actor,
			action: outcome === 'activated' ? 'staff.reactivated' : 'staff.updated',
			details: { email, role: { from: before.role, to: role }, nameChanged: before.name !== name }
		});
	}
	return { member, outcome };
}

/**
 * Switches a colleague off (they are signed out at once and cannot sign in) or back on.
 * Refused for the last active organizer — someone must always be able to manage the team — and
 * for switching yourself off. Call inside a transaction.
 */
export async function setStaffActive(tx: Sql, email: string, active: boolean, actor: AuditActor): Promise<void> {
	const address = staffEmailSchema.parse(email);
	// Organizers first, in one order, so two organizers switching each other off at once queue
	// up instead of both seeing the other as still there.
	await lockActiveOrganizers(tx);
	const [row] = await tx<{ role: StaffRole; active: boolean }[]>`
		select role, active from public.staff where email = ${address} for update
	`;
	if (!row) throw new StaffChangeRefused('not-found', 'Deze collega staat niet in het team.');
	if (row.active === active) return;
	if (!active) {
		if (actor === address) throw new StaffChangeRefused('self', 'Je kunt jezelf niet uitschakelen. Vraag een andere organisator.');
		if (row.role === 'organizer') await refuseIfLastOrganizer(tx, address);
	}
	await tx`update public.staff set active = ${active} where email = ${address}`;
	if (!active) {
		// Out at once, not at the end of a 12-hour session, and no code still waiting can be used.
		await tx`delete from public.staff_sessions where email = ${address}`;
		await tx`update public.staff_sign_in_codes set used_at = now() where email = ${address} and used_at is null`;
	}
	await recordAudit(tx, { actor, action: active ? 'staff.reactivated' : 'staff.deactivated', details: { email: address } });
}

async function lockActiveOrganizers(tx: Sql): Promise<void> {
	await tx`select email from public.staff where role = 'organizer' and active order by email for update`;
}

async function refuseIfLastOrganizer(tx: Sql, email: string): Promise<void> {
	const [others] = await tx<{ count: number }[]>`
		select count(*)::int as count from public.staff
		where role = 'organizer' and active and email <> ${email}
	`;
	if (!others || others.count === 0) {
		throw new StaffChangeRefused(
			'last-organizer',
			'Dit is de laatste actieve organisator. Maak eerst iemand anders organisator, anders kan niemand het team nog beheren.'
		);
	}
}
