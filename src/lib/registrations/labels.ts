/**
 * The Dutch words for what the database stores as machine names: registration statuses, kinds
 * of organisation, mail states and the actions of the audit log. One place, so the desk, the
 * exports and the participant's own page say the same thing.
 */

export type RegistrationStatusName = 'confirmed' | 'waitlisted' | 'cancelled';

const statusLabels: Record<RegistrationStatusName, string> = {
	confirmed: 'Bevestigd',
	waitlisted: 'Wachtlijst',
	cancelled: 'Geannuleerd'
};

/** `Bevestigd`, `Wachtlijst`, `Geannuleerd`. */
export function statusLabel(status: RegistrationStatusName): string {
	return statusLabels[status];
}

/** `Wachtlijst (plaats 3)` for a waitlisted registration with a known position, else the status label. */
export function statusWithPosition(status: RegistrationStatusName, waitlistPosition: number | null): string {
	return status === 'waitlisted' && waitlistPosition !== null
		? `${statusLabels.waitlisted} (plaats ${waitlistPosition})`
		: statusLabels[status];
}

export type OrganisationKindName = 'gemeente' | 'provincie' | 'anders';

const organisationKindLabels: Record<OrganisationKindName, string> = {
	gemeente: 'Gemeente',
	provincie: 'Provincie',
	anders: 'Andere overheidsorganisatie'
};

export function organisationKindLabel(kind: OrganisationKindName): string {
	return organisationKindLabels[kind];
}

export type MailStatusName = 'pending' | 'sent' | 'failed';

/**
 * The state of a mail in the outbox. Without a mail server nothing leaves the outbox, and
 * "In de wachtrij" would suggest it will: say plainly that it is not sent.
 */
export function mailStatusLabel(status: string, smtpConfigured: boolean): string {
	if (status === 'sent') return 'Verzonden';
	if (status === 'failed') return 'Mislukt';
	if (status === 'pending') return smtpConfigured ? 'In de wachtrij' : 'Niet verzonden: geen mailserver ingesteld';
	return status;
}

const actionLabels: Record<string, string> = {
	'registration.confirmed': 'Aangemeld met een plaats',
	'registration.waitlisted': 'Aangemeld op de wachtlijst',
	'registration.promoted': 'Plaats gekregen',
	'registration.moved-to-waitlist': 'Op de wachtlijst gezet',
	'registration.cancelled': 'Geannuleerd',
	'registration.substituted': 'Vervanging vastgelegd',
	'registration.invoice-details-changed': 'Factuurgegevens gewijzigd',
	'registration.list-consent-given': 'Toestemming gegeven voor de deelnemerslijst',
	'registration.list-consent-withdrawn': 'Toestemming ingetrokken voor de deelnemerslijst',
	'registration.checked-in': 'Ingecheckt',
	'registration.check-in-undone': 'Inchecken ongedaan gemaakt',
	'registration.link-resent': 'Persoonlijke link opnieuw verstuurd',
	'registration.personal-data-exported': 'Persoonsgegevens geëxporteerd',
	'registration.anonymised': 'Geanonimiseerd',
	'registrations.exported': 'Aanmeldingen geëxporteerd (CSV)',
	'registration.order-number-reminded': 'Herinnering gestuurd: inkoopordernummer volgt nog',
	'event.settings-changed': 'Instellingen van het evenement gewijzigd',
	'event.fee-settings-changed': 'Tarieven van het evenement gewijzigd',
	'invoice.issued': 'Factuur uitgegeven',
	'invoice.credited': 'Factuur gecrediteerd',
	'invoice.payment-recorded': 'Betaling geboekt',
	'invoice.reminder-sent': 'Betalingsherinnering verstuurd',
	'invoice.resent': 'Factuur opnieuw verstuurd',
	'invoicing.seller-changed': 'Gegevens voor facturen gewijzigd',
	'invoicing.buyer-changed': 'Gegevens van een debiteur gewijzigd',
	'event.waiting-list-filled': 'Wachtlijst aangevuld',
	'staff.signed_in': 'Ingelogd',
	'staff.sign_in_failed': 'Inloggen mislukt',
	'staff.signed_out': 'Uitgelogd',
	'staff.added': 'Teamlid toegevoegd',
	'staff.role_changed': 'Rol van teamlid gewijzigd',
	'staff.updated': 'Teamlid gewijzigd',
	'staff.reactivated': 'Teamlid weer actief gemaakt',
	'staff.deactivated': 'Teamlid op non-actief gezet',
	'agenda.session-added': 'Sessie toegevoegd aan de agenda',
	'agenda.session-changed': 'Sessie in de agenda gewijzigd',
	'agenda.session-removed': 'Sessie uit de agenda verwijderd',
	'template.added': 'Werkvorm toegevoegd',
	'template.deleted': 'Werkvorm verwijderd',
	'report.edited': 'Verslag bewerkt',
	'report.published': 'Verslag gepubliceerd en deelnemers gemaild',
	'report.republished': 'Verslag opnieuw gepubliceerd',
	'report.unpublished': 'Verslag offline gehaald',
	'event.publication-visibility-changed': 'Zichtbaarheid van de publicatie gewijzigd'
};

/** The Dutch label of an audit action; an action this list does not know yet is shown as stored. */
export function auditActionLabel(action: string): string {
	return actionLabels[action] ?? action;
}

/** Who did it, as a phrase after "door": `de deelnemer`, `het systeem` or the staff member's e-mail. */
export function actorLabel(actor: string): string {
	if (actor === 'deelnemer') return 'de deelnemer';
	if (actor === 'systeem') return 'het systeem';
	return actor;
}

/**
 * One line of a registration's history: `Geannuleerd door de deelnemer`. A place given from the
 * waiting list without anyone asking says so, because organizers ask "who gave her that place?".
 */
export function describeAuditEntry(entry: { action: string; actor: string; details?: Record<string, unknown> }): string {
	if (entry.action === 'registration.promoted' && entry.details?.['automatic'] === true) {
		return 'Plaats gekregen van de wachtlijst (automatisch)';
	}
	if (entry.action === 'registration.cancelled' && entry.details?.['feeWaived'] === true) {
		return `Kosteloos geannuleerd door ${actorLabel(entry.actor)}`;
	}
	const invoiceNumber = entry.details?.['number'] ?? entry.details?.['invoice'];
	if (entry.action.startsWith('invoice.') && typeof invoiceNumber === 'string') {
		return `${auditActionLabel(entry.action)} (${invoiceNumber}) door ${actorLabel(entry.actor)}`;
	}
	if (entry.action === 'registration.cancelled' && entry.details?.['because'] === 'anonymised') {
		return `Geannuleerd bij het anonimiseren door ${actorLabel(entry.actor)}`;
	}
	return `${auditActionLabel(entry.action)} door ${actorLabel(entry.actor)}`;
}

const mailKindLabels: Record<string, string> = {
	'registration-confirmed': 'Bevestiging aanmelding',
	'registration-waitlisted': 'Op de wachtlijst',
	'registration-promoted': 'Plaats vrijgekomen',
	'registration-moved-to-waitlist': 'Naar de wachtlijst',
	'registration-cancelled': 'Annulering',
	'registration-substitute': 'Vervanging: welkom',
	'registration-substituted': 'Vervanging: plaats overgedragen',
	'registration-link': 'Persoonlijke link',
	'staff-sign-in-code': 'Inlogcode',
	'invoice-issued': 'Factuur',
	'invoice-credit-note': 'Creditnota',
	'invoice-reminder': 'Betalingsherinnering',
	'registration-order-number-reminder': 'Herinnering inkoopordernummer'
};

/** What a mail in the outbox is for; an unknown kind is shown as stored. */
export function mailKindLabel(kind: string): string {
	return mailKindLabels[kind] ?? kind;
}
