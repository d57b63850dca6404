import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { organizerDraft } from '$lib/server/reports/draft-request';
import { forReaders, readerCanvas } from '$lib/reports/report-document';
import { buildReport } from '$lib/server/reports/build-report';
import { formTargetOf, readReportForm } from '$lib/server/reports/report-form';
import { publishReport, PublishRefused, saveEdits, unpublishReport } from '$lib/server/reports/report-store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const draft = await organizerDraft(event);
	const { stored } = draft;
	return {
		event: { slug: draft.source.event.slug, title: draft.source.event.title },
		isOrganizer: true,
		// Without the pictures' markup (the page shows none): the participant ids stay, for the ticks.
		report: forReaders(draft.report),
		complete: { ...draft.complete, themes: draft.complete.themes.map((theme) => ({ ...theme, canvas: readerCanvas(theme.canvas) })) },
		questionNotes: Object.fromEntries(draft.questionNotes),
		// Which notes and take-aways are left out, to tick the boxes as stored.
		hiddenNotes: Object.fromEntries(Object.entries(stored.edits.themes).map(([themeId, theme]) => [themeId, theme.hiddenNotes])),
		hiddenTakeaways: stored.edits.hiddenTakeaways,
		publishedAt: stored.publishedAt,
		announcedAt: stored.announcedAt,
		// Changed after the last publication: publishing again is what brings it out.
		changedSincePublished: stored.publishedAt !== null && stored.updatedAt !== null && stored.updatedAt > stored.publishedAt
	};
};

/** Reads and stores the form; the draft it was read against and the edits stored, or the failure to show. */
async function save(event: RequestEvent<{ slug: string; nummer: string }>, actor: string) {
	const form = await event.request.formData();
	assertCsrf(event, form);
	const draft = await organizerDraft(event);
	const read = readReportForm(form, formTargetOf(draft));
	if (!read.ok) {
		const { errors, values, kept, keptTakeaways } = read;
		return { failure: fail(400, { errors, values, kept, keptTakeaways }) };
	}
	await saveEdits(event.locals.sql, { eventId: draft.source.event.id, sessionId: draft.source.session.id }, read.edits, actor);
	return { draft, edits: read.edits };
}

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const saved = await save(event, member.email);
		if (saved.failure) return saved.failure;
		return { done: 'Het verslag is opgeslagen.' };
	},

	publiceren: async (event) => {
		const { member } = requireOrganizer(event);
		const saved = await save(event, member.email);
		if (saved.failure) return saved.failure;
		// The report with the edits just stored: that is what gets frozen.
		const { source } = saved.draft;
		let outcome;
		try {
			outcome = await publishReport(
				event.locals.sql,
				{ eventId: source.event.id, sessionId: source.session.id },
				buildReport(source, saved.edits, new Date()),
				member.email,
				event.locals.config.publicOrigin
			);
		} catch (caught) {
			if (caught instanceof PublishRefused) return fail(409, { message: caught.message, errors: {} });
			throw caught;
		}
		return {
			done: outcome.again
				? 'Het verslag is opnieuw gepubliceerd. De deelnemers kregen de eerste keer al een e-mail; ze krijgen er nu geen.'
				: outcome.mailed === 1
					? 'Het verslag is gepubliceerd. 1 deelnemer krijgt een e-mail met de link.'
					: `Het verslag is gepubliceerd. ${outcome.mailed} deelnemers krijgen een e-mail met de link.`
		};
	},

	offline: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const draft = await organizerDraft(event);
		const done = await unpublishReport(event.locals.sql, { eventId: draft.source.event.id, sessionId: draft.source.session.id }, member.email);
		return { done: done ? 'Het verslag is offline gehaald. Je bewerkingen zijn bewaard.' : 'Het verslag was niet gepubliceerd.' };
	}
};
