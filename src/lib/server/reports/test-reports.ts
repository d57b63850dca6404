import { crc32, deflateSync } from 'node:zlib';
import { publicationOf, type PublicationDocument } from '$lib/reports/publication';
import type {
	ReportAgendaItem,
	ReportCanvas,
	ReportDocument,
	ReportIdea,
	ReportTakeaway,
	ReportTheme
} from '$lib/reports/report-document';

/**
 * Example reports for the unit tests of the report PDF: the 2019 programme's first design
 * session in Zandvoort, and the publication of it with the second. Not used by the app itself.
 */

const EVENT = { slug: 'ontwerpsessies-2019', title: 'Ontwerpsessies Sociaal Domein 2019' };

function idea(id: string, text: string, votes: number, column: string | null = null): ReportIdea {
	return { id, text, votes, column };
}

/** A shared take-away of participant `n` (a fixed uuid per number). */
function takeaway(n: string, text: string, name: string | null, organisation: string | null): ReportTakeaway {
	return { participantId: `7c1d7e0e-3b7a-4f0a-9a3e-1d2f3a4b5c${n}`, text, name, organisation };
}

/** A canvas of three frames with a few notes, as the app's SVG export would give it. */
export function testCanvas(overrides: Partial<ReportCanvas> = {}): ReportCanvas {
	const notes = [40, 560, 1080].flatMap((x) =>
		[0, 1].map((row) => `<rect x="${x + 40}" y="${140 + row * 220}" width="200" height="160" fill="#fff3a0"/>`)
	);
	return {
		svg:
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 1000" width="1600" height="1000">' +
			'<rect width="1600" height="1000" fill="#ffffff"/>' +
			[40, 560, 1080].map((x) => `<rect x="${x}" y="60" width="480" height="880" fill="none" stroke="#555555"/>`).join('') +
			notes.join('') +
			'</svg>',
		width: 1600,
		height: 1000,
		alt:
			'Canvas met drie kaders: Laagdrempelig, Flexibel en Resultaat. In elk kader staan twee geeltjes met ideeën, ' +
			'dezelfde als in de lijst met ideeën hierboven.',
		source: 'snapshot',
		...overrides
	};
}

const THEMES: ReportTheme[] = [
	{
		themeId: '4a5e8c1e-1f1a-4c43-9d51-6a0f1f7e0a01',
		position: 1,
		title: 'Balanceren tussen laagdrempeligheid/flexibiliteit en sturen op resultaat',
		designQuestions: [
			'Hoe houden we ondersteuning laagdrempelig en flexibel voor inwoners, en sturen we tegelijk op resultaat?',
			'Welke afspraken met aanbieders geven ruimte aan maatwerk zonder dat we het zicht op resultaat kwijtraken?'
		],
		summary:
			'De groep was het erover eens dat laagdrempelig en sturen op resultaat niet tegenover elkaar staan. ' +
			'Het gaat om vertrouwen: spreek met aanbieders af wat er voor de inwoner moet veranderen, en laat ' +
			'de weg daarnaartoe aan de professional.\n\n' +
			'Wel blijft de vraag hoe je dat meet zonder nieuwe formulieren. Twee gemeenten gaan dit najaar een ' +
			'korte vragenlijst voor inwoners proberen.',
		ideas: [
			idea('i1', 'Spreek met aanbieders resultaten af in plaats van uren', 9, 'Resultaat'),
			idea('i2', 'Eén vaste contactpersoon per wijkteam voor alle aanbieders', 7, 'Laagdrempelig'),
			idea('i3', 'Drie maanden ondersteuning zonder beschikking, daarna pas een indicatie', 5, 'Flexibel'),
			idea('i4', 'Vraag inwoners na zes weken met één korte vraag of het helpt', 3, 'Resultaat'),
			idea('i5', 'Bespreek de cijfers elk kwartaal in een open overleg met aanbieders', 1, 'Resultaat'),
			idea('i6', 'Minder formulieren bij een verlenging', 0, 'Laagdrempelig')
		],
		handvatten: [
			{ id: 'shape:handvat-1', column: 'Wat', text: 'Resultaatafspraken opnemen in de inkoop voor 2020' },
			{ id: 'shape:handvat-2', column: 'Wie', text: 'Beleidsadviseur Wmo samen met de contractmanager' },
			{ id: 'shape:handvat-3', column: 'Wanneer', text: 'Voor de start van de aanbesteding in januari' },
			{ id: 'shape:handvat-4', column: 'Wat', text: 'Proef met de vragenlijst voor inwoners in twee wijken' },
			{ id: 'shape:handvat-5', column: 'Wie', text: 'Teamleider wijkteam Noord' }
		],
		canvas: testCanvas()
	},
	{
		themeId: '4a5e8c1e-1f1a-4c43-9d51-6a0f1f7e0a02',
		position: 2,
		title: 'Zichtbaarheid en impact',
		designQuestions: ['Hoe maken we zichtbaar wat de ondersteuning voor inwoners oplevert, ook voor de gemeenteraad?'],
		summary: '',
		ideas: [
			idea('z1', 'Elk halfjaar drie verhalen van inwoners in de raadsinformatiebrief', 8),
			idea('z2', 'Een dashboard met vijf cijfers, niet meer', 6),
			idea('z3', 'Raadsleden een dag laten meelopen met het wijkteam', 6),
			idea('z4', 'Resultaten delen op de website van de gemeente in gewone taal', 2)
		],
		handvatten: [
			{ id: 'shape:handvat-6', column: 'Wat', text: 'Eerste verhalen verzamelen voor de raadsinformatiebrief' },
			{ id: 'shape:handvat-7', column: 'Wie', text: 'Communicatieadviseur sociaal domein' },
			{ id: 'shape:handvat-8', column: 'Wanneer', text: 'December 2019' }
		],
		canvas: testCanvas({
			alt: 'Canvas met twee kaders: Voor inwoners en Voor de raad. Vier geeltjes met ideeën, de meeste bij Voor de raad.'
		})
	},
	{
		themeId: '4a5e8c1e-1f1a-4c43-9d51-6a0f1f7e0a03',
		position: 3,
		title: 'Borging en vervolg',
		designQuestions: ['Hoe zorgen we dat de afspraken van vandaag over een jaar nog leven in onze organisaties?'],
		summary: 'Na de pitch koos de groep voor een vaste plek op de agenda van het regionale overleg.',
		ideas: [
			idea('b1', 'Elk kwartaal een korte terugblik in het regionale overleg', 4),
			idea('b2', 'Een buddy uit een andere gemeente die je na drie maanden belt', 4),
			idea('b3', 'Alle handvatten in één gedeeld document', 1)
		],
		handvatten: [
			{ id: 'shape:handvat-9', column: 'Wat', text: 'Terugblik op de agenda van het regionale overleg zetten' },
			{ id: 'shape:handvat-10', column: 'Wie', text: 'Secretaris van het regionale overleg' },
			{ id: 'shape:handvat-11', column: 'Wanneer', text: 'Eerste keer in maart 2020' }
		],
		canvas: testCanvas({
			alt: 'Canvas met één kader: Over een jaar. Drie geeltjes met ideeën over vaste momenten om terug te kijken.',
			source: 'current'
		})
	}
];

/** The report of Ontwerpsessie 1, Zandvoort, 26 september 2019. */
export function testReport(overrides: Partial<ReportDocument> = {}): ReportDocument {
	return {
		version: 1,
		handvatColumns: ['Wat', 'Wie', 'Wanneer'],
		event: EVENT,
		session: {
			id: '0b6f2a4e-6f55-4a0e-8f0c-2d5d1f2b9a11',
			position: 1,
			title: 'Ontwerpsessie 1',
			startsAt: '2019-09-26T13:30:00+02:00',
			endsAt: '2019-09-26T17:00:00+02:00',
			venue: 'Zandvoort, Badhuisplein 1'
		},
		intro:
			'Op 26 september 2019 kwamen beleidsmakers, professionals en aanbieders uit de regio bij elkaar in ' +
			"Zandvoort. Ze werkten in drie groepen aan drie thema's. Dit verslag laat zien welke ideeën de groepen " +
			'bedachten, welke het meeste stemmen kregen en wat deelnemers meenemen naar hun eigen organisatie.',
		agenda: [
			agendaItem('Welkom en terugblik', 'plenary', ['13:30', '13:45'], ['13:32', '13:50']),
			agendaItem("Thema's verkennen aan de canvassen", 'breakout', ['13:45', '14:45'], ['13:50', '14:50']),
			agendaItem('Pauze', 'break', ['14:45', '15:00'], ['14:50', '15:05']),
			agendaItem('Ideeën kiezen met stippen', 'breakout', ['15:00', '15:45'], ['15:05', '15:55']),
			agendaItem('Handvatten voor je eigen organisatie', 'breakout', ['15:45', '16:30'], ['15:55', '16:35']),
			agendaItem('Pitch per thema', 'plenary', ['16:30', '16:50'], null),
			agendaItem('Afsluiting en borrel', 'plenary', ['16:50', '17:00'], ['16:40', '17:00'])
		],
		themes: THEMES,
		takeaways: [
			takeaway('01', 'Ik ga met onze contractmanager praten over resultaatafspraken.', 'Anna de Vries', 'Gemeente Utrecht'),
			takeaway('02', 'Eén vraag aan inwoners zegt soms meer dan een heel rapport.', null, 'Gemeente Haarlem'),
			takeaway('03', 'De buddy uit een andere gemeente: die ga ik echt bellen.', 'Ayşe Kılıç', null),
			takeaway('04', 'Meer verhalen van inwoners in de stukken voor de raad.', null, null)
		],
		organisations: [
			{ name: 'Gemeente Haarlem', people: [] },
			{ name: 'Gemeente Utrecht', people: ['Anna de Vries', 'Bram Jansen'] },
			{ name: 'Gemeente Zandvoort', people: ['Petra Visser'] },
			{ name: 'Movisie', people: [] },
			{ name: 'Welzijn Zuid-Kennemerland', people: ['Ayşe Kılıç'] }
		],
		participantCount: 23,
		generatedAt: '2019-09-27T09:00:00+02:00',
		...overrides
	};
}

function agendaItem(
	title: string,
	kind: ReportAgendaItem['kind'],
	planned: [string, string],
	actual: [string, string] | null
): ReportAgendaItem {
	const at = (time: string) => `2019-09-26T${time}:00+02:00`;
	return {
		title,
		kind,
		plannedStart: at(planned[0]),
		plannedEnd: at(planned[1]),
		actualStart: actual ? at(actual[0]) : null,
		actualEnd: actual ? at(actual[1]) : null
	};
}

/** The report of Ontwerpsessie 2, Utrecht, 31 oktober 2019: the same themes a step further. */
function secondReport(): ReportDocument {
	const first = testReport();
	const onThe31st = (instant: string) => instant.replace('2019-09-26', '2019-10-31').replace('+02:00', '+01:00');
	return testReport({
		session: {
			id: '0b6f2a4e-6f55-4a0e-8f0c-2d5d1f2b9a12',
			position: 2,
			title: 'Ontwerpsessie 2',
			startsAt: '2019-10-31T13:30:00+01:00',
			endsAt: '2019-10-31T17:00:00+01:00',
			venue: 'Utrecht, Drift 10'
		},
		agenda: first.agenda.map((item) => ({
			...item,
			plannedStart: onThe31st(item.plannedStart),
			plannedEnd: onThe31st(item.plannedEnd),
			actualStart: item.actualStart && onThe31st(item.actualStart),
			actualEnd: item.actualEnd && onThe31st(item.actualEnd)
		})),
		themes: first.themes.map((theme) => ({
			...theme,
			designQuestions:
				theme.position === 1
					? ['Welke resultaatafspraak maken we in de inkoop van 2020, en hoe vragen we inwoners of het helpt?']
					: theme.designQuestions,
			summary: theme.position === 1 ? 'De vraag werd kleiner en concreter: van een principe naar één afspraak in de inkoop.' : '',
			ideas:
				theme.position === 1
					? [
							idea('j1', 'Eén resultaatafspraak per aanbieder: de inwoner kan weer meedoen', 11),
							idea('j2', 'Na zes weken één vraag aan de inwoner, via het wijkteam', 8),
							idea('j3', 'Aanbieders vrij in de uren, zolang het resultaat er is', 2)
						]
					: theme.ideas,
			handvatten:
				theme.position === 3
					? []
					: [{ id: `shape:vervolg-${theme.position}`, column: 'Wat', text: `Vervolg op thema ${theme.position} in de eigen organisatie` }],
			canvas: theme.position === 2 ? null : testCanvas()
		})),
		takeaways: [
			takeaway('05', 'Klein beginnen met één afspraak werkt beter dan een heel nieuw stelsel.', 'Bram Jansen', 'Gemeente Utrecht')
		],
		organisations: [
			{ name: 'Gemeente Amersfoort', people: ['Łukasz Dvořák'] },
			{ name: 'Gemeente Utrecht', people: ['Bram Jansen'] }
		],
		participantCount: 18,
		generatedAt: '2019-11-01T09:00:00+01:00'
	});
}

/** The publication of both sessions. */
export function testPublication(): PublicationDocument {
	return publicationOf(EVENT, [secondReport(), testReport()]);
}

/** The 24-bit RGB colour of one pixel. */
type Rgb = [number, number, number];

function pngChunk(type: string, data: Uint8Array): Buffer {
	const header = Buffer.alloc(8);
	header.writeUInt32BE(data.length, 0);
	header.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([header.subarray(4), data])), 0);
	return Buffer.concat([header, data, crc]);
}

/** A PNG (8-bit RGB, no filtering) painted pixel by pixel; enough for a test picture. */
export function pngFromPixels(width: number, height: number, paint: (x: number, y: number) => Rgb): Uint8Array {
	const rowLength = 1 + width * 3;
	const raw = Buffer.alloc(rowLength * height);
	for (let y = 0; y < height; y++) {
		// Each row starts with its filter type; 0 is "none".
		raw[y * rowLength] = 0;
		for (let x = 0; x < width; x++) raw.set(paint(x, y), y * rowLength + 1 + x * 3);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const png = Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]);
	return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * A stand-in for the canvas renderer: a quarter-size picture with the canvas's proportions,
 * three grey frames with yellow notes, so a rendered page shows where the canvas went.
 */
export function testCanvasPng(canvas: ReportCanvas): Uint8Array {
	const width = Math.max(1, Math.round(canvas.width / 4));
	const height = Math.max(1, Math.round(canvas.height / 4));
	const frameWidth = width / 3;
	return pngFromPixels(width, height, (x, y) => {
		const inFrame = x % frameWidth;
		const inside = inFrame > 8 && inFrame < frameWidth - 8 && y > 14 && y < height - 14;
		const onEdge = inside && (inFrame < 10 || inFrame > frameWidth - 10 || y < 16 || y > height - 16);
		if (onEdge) return [0x88, 0x88, 0x88];
		const note = inFrame > 20 && inFrame < frameWidth * 0.6 && ((y > 35 && y < 95) || (y > 115 && y < 175));
		return note ? [0xff, 0xe8, 0x6b] : [0xff, 0xff, 0xff];
	});
}
