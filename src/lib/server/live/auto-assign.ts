/**
 * Balanced theme groups that spread colleagues: a group of five from one municipality learns
 * little from itself. Organisations are placed largest first; each person goes to the group with
 * the fewest colleagues of theirs, then the smallest group, then the first. Group sizes differ by
 * at most one, and an organisation's people spread as evenly as the sizes allow.
 */
export function assignBalancedGroups<P extends { id: string; organisation: string }>(
	participants: readonly P[],
	groupIds: readonly string[]
): Map<string, string> {
	const assignment = new Map<string, string>();
	if (groupIds.length === 0) return assignment;
	const sizes = groupIds.map(() => 0);
	const byOrganisation = new Map<string, P[]>();
	for (const participant of participants) {
		const key = participant.organisation.trim().toLocaleLowerCase('nl-NL');
		byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), participant]);
	}
	const organisations = [...byOrganisation.values()].sort((a, b) => b.length - a.length);
	for (const colleagues of organisations) {
		const here = groupIds.map(() => 0);
		for (const participant of colleagues) {
			let best = 0;
			for (let group = 1; group < groupIds.length; group++) {
				// Size first keeps groups balanced; among equally small groups, the fewest colleagues.
				const better =
					sizes[group]! < sizes[best]! || (sizes[group] === sizes[best] && here[group]! < here[best]!);
				if (better) best = group;
			}
			sizes[best]!++;
			here[best]!++;
			assignment.set(participant.id, groupIds[best]!);
		}
	}
	return assignment;
}
