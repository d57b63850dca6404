import { describe, expect, it } from 'vitest';
import {
	emptyItem,
	emptySessionForm,
	isBlankItem,
	itemFieldName,
	normaliseTime,
	parseItemFieldName,
	sortedByStart,
	withEmptyItem,
	withoutItem,
	type ItemFormValues
} from './agenda-rows';

const row = (startTime: string, title: string): ItemFormValues => ({ ...emptyItem(), startTime, endTime: '', title });

describe('agenda rows', () => {
	it('names fields by item number and reads them back', () => {
		expect(itemFieldName(3, 'startTime')).toBe('onderdeel-3-begin');
		expect(parseItemFieldName('onderdeel-12-werkvorm')).toEqual({ number: 12, key: 'templateId' });
		expect(parseItemFieldName('onderdeel-0-titel')).toBeNull();
		expect(parseItemFieldName('onderdeel-3-onbekend')).toBeNull();
		expect(parseItemFieldName('titel')).toBeNull();
	});

	it('adds an empty row that starts where the last one ends, or when the session starts', () => {
		const first = withEmptyItem(emptySessionForm());
		expect(first.items[0]?.startTime).toBe('13:30');
		const second = withEmptyItem({ ...first, items: [{ ...row('13:30', 'Welkom'), endTime: '13:45' }] });
		expect(second.items.map((item) => item.startTime)).toEqual(['13:30', '13:45']);
		expect(isBlankItem(second.items[1] as ItemFormValues)).toBe(true);
	});

	it('removes a row by its number, counted from 1', () => {
		const values = { ...emptySessionForm(), items: [row('13:30', 'A'), row('14:00', 'B'), row('14:30', 'C')] };
		expect(withoutItem(values, 2).items.map((item) => item.title)).toEqual(['A', 'C']);
		expect(withoutItem(values, 9).items).toHaveLength(3);
	});

	it('sorts rows by start time, keeping equal ones in place and unreadable ones last', () => {
		const values = { ...emptySessionForm(), items: [row('14:30', 'C'), row('?', 'X'), row('9.05', 'A'), row('14:30', 'D'), row('13:45', 'B')] };
		expect(sortedByStart(values).items.map((item) => item.title)).toEqual(['A', 'B', 'C', 'D', 'X']);
	});

	it('normalises the ways people type a time', () => {
		expect(['9:05', '09.05', '0905', ' 13:30 ', '13:3', 'abc'].map(normaliseTime)).toEqual(['09:05', '09:05', '09:05', '13:30', '13:3', 'abc']);
	});
});
