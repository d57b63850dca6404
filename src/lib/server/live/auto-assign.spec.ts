import { describe, expect, it } from 'vitest';
import { assignBalancedGroups } from './auto-assign';

function people(spec: Record<string, number>) {
	return Object.entries(spec).flatMap(([organisation, count]) =>
		Array.from({ length: count }, (_, index) => ({ id: `${organisation}-${index}`, organisation }))
	);
}

function groupsOf(assignment: Map<string, string>) {
	const groups = new Map<string, string[]>();
	for (const [person, group] of assignment) groups.set(group, [...(groups.get(group) ?? []), person]);
	return groups;
}

describe('balanced theme groups', () => {
	it('puts everyone in a group, sizes differing by at most one', () => {
		const assignment = assignBalancedGroups(people({ Utrecht: 5, Zandvoort: 3, Groningen: 2, 'Noord-Holland': 4 }), ['a', 'b', 'c']);
		expect(assignment.size).toBe(14);
		const sizes = [...groupsOf(assignment).values()].map((group) => group.length).sort();
		expect(sizes).toEqual([4, 5, 5]);
	});

	it('spreads colleagues of one organisation over the groups', () => {
		const assignment = assignBalancedGroups(people({ Utrecht: 6, Zandvoort: 3, Groningen: 3 }), ['a', 'b', 'c']);
		for (const group of groupsOf(assignment).values()) {
			expect(group.filter((id) => id.startsWith('Utrecht')).length).toBe(2);
			expect(group.filter((id) => id.startsWith('Zandvoort')).length).toBe(1);
			expect(group.filter((id) => id.startsWith('Groningen')).length).toBe(1);
		}
	});

	it('treats organisation names without regard to case or spaces', () => {
		const assignment = assignBalancedGroups(
			[
				{ id: '1', organisation: 'Gemeente Utrecht' },
				{ id: '2', organisation: 'gemeente utrecht ' }
			],
			['a', 'b']
		);
		expect(new Set(assignment.values()).size).toBe(2);
	});

	it('assigns nobody when there are no groups', () => {
		expect(assignBalancedGroups(people({ Utrecht: 2 }), []).size).toBe(0);
	});
});
