import { error } from '@sveltejs/kit';
import { invoiceDownload, parseInvoiceFilename } from '$lib/server/invoicing/invoice-download';
import { invoiceFile } from '$lib/server/invoicing/invoice-queries';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import { findRegistrationByToken } from '$lib/server/registrations/queries';
import type { RequestHandler } from './$types';

const GONE = 'Deze factuur is niet (meer) via deze link te downloaden.';

/** The participant downloads an invoice of their own registration (`factuur-2026-00017.pdf`), exactly as issued. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const token = accessTokenSchema.safeParse(params.token);
	const wanted = parseInvoiceFilename(params.bestand);
	if (!token.success || !wanted) error(404, GONE);
	const registration = await findRegistrationByToken(locals.sql, token.data);
	if (!registration || registration.anonymisedAt) error(404, GONE);
	const file = await invoiceFile(locals.sql, { registrationId: registration.id, number: wanted.number }, wanted.format);
	if (!file) error(404, GONE);
	return invoiceDownload(file, wanted.format);
};
