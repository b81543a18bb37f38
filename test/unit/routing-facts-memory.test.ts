import { extractFacts } from '../../nodes/shared/routing';

describe('extractFacts remembers answers without sharing them', () => {
	const text = (i: number) => `pedido #A${1000 + i} y mi correo es cliente${i}@example.com, tel +52 55 1234 ${String(5000 + i)}`;

	it('gives the same facts for a text read again after many others, as fresh arrays', () => {
		const first = Array.from({ length: 600 }, (_, i) => extractFacts([text(i)]));
		const again = Array.from({ length: 600 }, (_, i) => extractFacts([text(i)]));
		expect(again).toEqual(first);
		expect(first[7]).toEqual({ orderNumbers: ['A1007'], emails: ['cliente7@example.com'], phones: ['+52 55 1234 5007'] });
		// A caller that changes its arrays changes nobody else's.
		again[7].orderNumbers.push('changed');
		again[7].emails.length = 0;
		expect(extractFacts([text(7)])).toEqual(first[7]);
	});

	it('reads a text longer than the memory keeps, each time', () => {
		const long = `${'palabra '.repeat(200_000)} pedido #Z99887`;
		expect(extractFacts([long]).orderNumbers).toEqual(['Z99887']);
		expect(extractFacts([long]).orderNumbers).toEqual(['Z99887']);
		expect(extractFacts([text(1)]).orderNumbers).toEqual(['A1001']);
	});
});
