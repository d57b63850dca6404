// `npm run bench:reports`: how long a session report takes to make. Prints figures; asserts nothing.
//   Three theme canvases with BENCH_NOTES notes each (in frames, like a technique), votes on a
//   third of them; measured: reading the canvases and building the report (SVG included), the
//   PNG of one canvas, and the report's PDF. BENCH_ROUNDS rounds each.
//
//   BENCH_NOTES=150 BENCH_ROUNDS=5 npm run bench:reports
import { createShapeId } from '@tldraw/tlschema';
import * as Y from 'yjs';
import { createCanvasDocument } from '../src/lib/canvas/canvas-document';
import { canvasRecords } from '../src/lib/canvas/doc-layout';
import { frameShape, noteShape } from '../src/lib/canvas/test-factories';
import { NO_EDITS } from '../src/lib/reports/report-edits';
import { buildReport, readCanvases } from '../src/lib/server/reports/build-report';
import { svgToPng } from '../src/lib/server/reports/canvas-png';
import { renderReportPdf } from '../src/lib/server/reports/report-pdf';
import type { ReportSource } from '../src/lib/server/reports/report-source';

const NOTES = Number(process.env.BENCH_NOTES ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
	return `median ${at(0.5).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
}

async function timed(rounds: number, work: () => unknown): Promise<number[]> {
	const times: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const start = performance.now();
		await work();
		times.push(performance.now() - start);
	}
	return times;
}

/** A canvas like a busy technique: three columns of notes. */
function canvasState(theme: number): Uint8Array {
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const records = canvasRecords(doc);
	const columns = ['Ronde 1', 'Ronde 2', 'Ronde 3'].map((name, index) => {
		const id = createShapeId(`kolom-${theme}-${index}`);
		records.set(frameShape(name, { w: 720, h: 220 * Math.ceil(NOTES / 9) + 40 }, { id, x: index * 800, y: 0 }));
		return id;
	});
	for (let index = 0; index < NOTES; index++) {
		const inColumn = Math.floor(index / 3);
		const note = noteShape(`Idee ${index + 1} van thema ${theme}: een aanpak die de raad en inwoners samen laat zien wat werkt`, {
			id: createShapeId(`n-${theme}-${index}`),
			x: 20 + (index % 3) * 230,
			y: 20 + Math.floor(inColumn / 3) * 220
		});
		records.set({ ...note, parentId: columns[inColumn % 3]! });
	}
	return Y.encodeStateAsUpdate(doc);
}

const source: ReportSource = {
	event: { id: '00000000-0000-4000-8000-000000002019', slug: 'bench', title: 'Community of practice: ontwerpsessies 2019' },
	session: { id: '00000000-0000-4000-8000-000000000201', position: 1, title: 'Ontwerpsessie 1', startsAt: new Date('2019-09-26T11:30:00Z'), endsAt: new Date('2019-09-26T15:00:00Z'), venue: 'Zandvoort' },
	agenda: [],
	runs: [],
	themes: [1, 2, 3].map((position) => ({
		id: `00000000-0000-4000-8000-00000000030${position}`,
		position,
		title: `Thema ${position}`,
		canvasId: `00000000-0000-4000-8000-00000000040${position}`,
		canvas: { state: canvasState(position), source: 'snapshot' as const }
	})),
	votes: new Map(
		[1, 2, 3].map((position) => [
			`00000000-0000-4000-8000-00000000040${position}`,
			new Map(Array.from({ length: Math.ceil(NOTES / 3) }, (_, index) => [`shape:n-${position}-${index * 3}`, (index % 5) + 1] as const))
		])
	),
	people: Array.from({ length: 30 }, (_, index) => ({
		participantId: null,
		consentedName: index % 2 === 0 ? `Deelnemer ${index}` : null,
		organisation: `Gemeente ${index % 12}`,
		takeaway: null
	})),
	noteKinds: { questionFrames: new Set(['Onze ontwerpvraag']), handvatFrames: new Set(['Wat', 'Wie', 'Wanneer']) }
};

const now = new Date('2019-09-27T08:00:00Z');
const build = await timed(ROUNDS, () => buildReport(source, NO_EDITS, now, readCanvases(source)));
const report = buildReport(source, NO_EDITS, now);
const canvas = report.themes[0]!.canvas!;
const png = await timed(ROUNDS, () => svgToPng(canvas.svg));
const pngs = new Map<string, Uint8Array>();
for (const theme of report.themes) if (theme.canvas) pngs.set(theme.canvas.svg, await svgToPng(theme.canvas.svg));
const pdf = await timed(ROUNDS, () => renderReportPdf(report, (drawn) => pngs.get(drawn.svg)!));
const bytes = await renderReportPdf(report, (drawn) => pngs.get(drawn.svg)!);

console.log(`report of 3 canvases × ${NOTES} notes, ${ROUNDS} rounds`);
console.log(`  read canvases and build the report (SVG included): ${summary(build)}`);
console.log(`  one canvas to PNG (${Math.round(canvas.width)}×${Math.round(canvas.height)}, ${(pngs.get(canvas.svg)!.length / 1024).toFixed(0)} KB): ${summary(png)}`);
console.log(`  report PDF (${(bytes.length / 1024).toFixed(0)} KB): ${summary(pdf)}`);
