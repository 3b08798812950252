import { describe, expect, it } from 'vitest';
import { readTextLine, TextLines } from '../../functions/domain/invite/forward-headers.js';
import { readAttributions } from '../../functions/domain/invite/reply-attribution.js';

const read = (text: string) => readAttributions(text).map((a) => a.author);

describe('reading the line a mail client writes above a quoted reply', () => {
  it.each([
    ['On Fri, Jan 8, 2027 at 4:12 PM, Tamsin Greeley <tgreeley@fernbrookins.com> wrote:', 'Tamsin Greeley'],
    [
      'On 26 Feb 2027 at 3:14 pm +0800, Bronwyn Tait <bronwyn.tait@karriridge.com.au>, wrote:',
      'Bronwyn Tait',
    ],
    ['---- On Mon, 18 Jan 2027 10:02:11 +0530 Pavani Y <pavani.y@deccanwise.io> wrote ---', 'Pavani Y'],
    ['Le 28/10/2021 12:46, « John Doe » <john.doe@acme.com> a écrit :', 'John Doe'],
    [
      'El jueves, 14 de enero de 2027, 18:20:11 GMT-6, Ximena Cárdenas <x@nopalera.com.mx> escribió:',
      'Ximena Cárdenas',
    ],
    [
      'Em ter., 9 de mar. de 2027 às 13:05, Rita Figueiredo <rita@alfamalabs.io> escreveu:',
      'Rita Figueiredo',
    ],
    ['W dniu 12.01.2027 o 14:35 użytkownik Jan Kowalski <jan@odralog.pl> napisał:', 'Jan Kowalski'],
    ['28/10/2021 12:46 időpontban John Doe (john.doe@acme.com) ezt írta:', 'John Doe'],
    ['28/10/2021, 12:46 пользователь "John Doe" <john.doe@acme.com> написал:', 'John Doe'],
    ['在 2027-02-22 09:41:03，"赵敏" <zhaomin@pjxinglian.com> 写道：', '赵敏'],
    ['2027年2月22日(月) 9:41 佐々木 遥 <haruka.sasaki@minatolink.co.jp>:', '佐々木 遥'],
  ])('reads the author after the date, before the verb: %s', (line, name) => {
    expect(read(line)).toEqual([expect.objectContaining({ name })]);
  });

  it.each([
    ['Am 12.01.2027 um 14:35 schrieb Verena Kollmann <verena.kollmann@murtal-guss.at>:', 'Verena Kollmann'],
    ['Den tis 9 mars 2027 kl 13:05 skrev Viktor Ahlgren <viktor.ahlgren@sundsbro.se>:', 'Viktor Ahlgren'],
    ['Op di 9 mrt 2027 om 13:05 schreef Anouk de Vries <anouk.devries@domstadzorg.nl>:', 'Anouk de Vries'],
    ['Jane Doe <jane@acme.com> schrieb am 8. Januar 2027 um 10:00:', 'Jane Doe'],
    ['John Doe <john.doe@acme.com> skrev følgende den 28/10/2021, 12:46:', 'John Doe'],
  ])('reads the author after a verb that comes first: %s', (line, name) => {
    expect(read(line)).toEqual([expect.objectContaining({ name })]);
  });

  it.each([
    ['2027/05/11 9:20、村上 直樹 <n.murakami@setouchi-kaiun.co.jp>のメール:', '村上 直樹'],
    ['śr., 9 cze 2027 o 11:40 Magdalena Wrona <m.wrona@warta-logistyka.pl> napisał(a):', 'Magdalena Wrona'],
    ['李娜 <lina@qiantang-bio.cn> 于2027年5月11日周二 09:30写道：', '李娜'],
    [
      'Wiadomość napisana przez Tomasz Pająk <t.pajak@wisla-meble.pl> w dniu 11.05.2027, o godz. 09:20:',
      'Tomasz Pająk',
    ],
    ['A 11/05/2027, às 09:20, Inês Carvalho <ines.carvalho@tejo-seguros.pt> escreveu:', 'Inês Carvalho'],
    ['\uFEFFOp 11/05/2027 09:20 heeft Maarten Bos <m.bos@deltawerf.nl> geschreven:', 'Maarten Bos'],
    [
      'In martedì 11 maggio 2027, 09:20:41 CEST, Giulia Ferri <giulia.ferri@lagunavetri.it> ha scritto:',
      'Giulia Ferri',
    ],
  ])(
    'reads the reply lines of Apple Mail, Gmail, Outlook for Mac and Yahoo in more languages: %s',
    (line, name) => {
      expect(read(line)).toEqual([expect.objectContaining({ name })]);
    },
  );

  it('joins an attribution the client wrapped over two lines, quoted or not', () => {
    expect(
      read(
        'Le mer. 3 mars 2027, 14 h 05, Maxime Thibodeau <mthibodeau@borealjeux.ca> a\nécrit :\n\n> Bonjour',
      ),
    ).toEqual([{ name: 'Maxime Thibodeau', address: 'mthibodeau@borealjeux.ca' }]);
    expect(
      read(
        '> On Tue, Jan 19, 2027 at 10:42 AM Dorothea Quaile\n> <dorothea.quaile@lanternfishpay.com> wrote:',
      ),
    ).toEqual([{ name: 'Dorothea Quaile', address: 'dorothea.quaile@lanternfishpay.com' }]);
  });

  it('keeps a name printed without an address, for the address to be found in the quote', () => {
    expect(read('On Tue, 2 Feb 2027, at 16:05, Morag Tennant wrote:')).toEqual([
      { name: 'Morag Tennant', address: null },
    ]);
  });

  it('gives the date part to the date reader', () => {
    expect(readAttributions('Am 12.01.2027 um 14:35 schrieb Jane Doe <jane@acme.com>:')[0]?.dateLine).toBe(
      'Am 12.01.2027 um 14:35',
    );
  });

  it('does not take prose, a table row or an itinerary line for an attribution', () => {
    expect(read('On Monday we will meet the whole team. Thanks!')).toEqual([]);
    expect(read('10:00 – 10:45 AM | Coding: ledger service | Hafiz Rahman')).toEqual([]);
    expect(read('Interviewers: Bethany Greaves, Kieran Doyle')).toEqual([]);
  });

  // Bounded time is guarded by the test timeout (a backtracking pattern takes minutes here); speed is in bench/.
  it('returns on lines built to make the patterns backtrack', () => {
    const hostile = `${`On ${'1, '.repeat(20_000)}\n`.repeat(5)}${'On a wrote '.repeat(10_000)}:\n${`Am 1 schrieb ${' '.repeat(5_000)}x\n`.repeat(50)}`;
    expect(read(hostile)).toEqual([]);
  });
});

describe('one line of a text, read once for the header and the attribution readers', () => {
  const line = (text: string) => readTextLine(text, 0, text.length);

  it('gives both readers the content after the quote prefix, trailing space trimmed', () => {
    const text = '> >  From: Jane Doe <jane@acme.com>  ';
    expect(line(text)).toEqual({
      start: 0,
      end: text.length,
      prefixEnd: 5,
      quoted: true,
      depth: 2,
      textStart: 5,
      trimmedEnd: text.length - 2,
    });
  });

  it('counts the quote depth in the prefix’s first 40 characters only, as the attribution reader did', () => {
    const text = `${'> '.repeat(30)}On Tue, Jane wrote:`;
    const read = line(text);
    expect(read.depth).toBe(20);
    expect(read.prefixEnd).toBe(60);
    expect(read.textStart).toBe(40);
  });

  it('skips a byte-order mark or zero-width space after the prefix for the attribution reader only', () => {
    const read = line('> \ufeff\u200b On Tue, Jane wrote:');
    expect(read.prefixEnd).toBe(2);
    expect(read.textStart).toBe(5);
  });

  it('reads a blank line as empty for both readers', () => {
    const read = line(' >  \u3000 ');
    expect(read.trimmedEnd).toBeLessThanOrEqual(Math.min(read.prefixEnd, read.textStart));
  });

  it('finds a line by where it starts, and reads lines from any position', () => {
    const lines = new TextLines('a\nbb\n\nccc');
    expect([0, 2, 5, 6].map((at) => lines.indexOf(at))).toEqual([0, 1, 2, 3]);
    expect(lines.indexOf(1)).toBe(-1);
    expect(lines.at(4)).toBeNull();
    expect(new TextLines('a\nbb', 3).at(0)?.start).toBe(3);
  });
});
