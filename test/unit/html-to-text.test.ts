import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../functions/domain/mail/html-to-text.js';

describe('htmlToText keeps the lines a reader sees', () => {
  it('breaks lines at <br> and at block elements, without blank lines between adjacent blocks', () => {
    expect(htmlToText('<div>From: A</div><div>Date: B</div><p>Subject: C</p>one<br>two')).toBe(
      'From: A\nDate: B\nSubject: C\none\ntwo',
    );
  });

  it('shows an empty block (<div><br></div>) as one blank line, and never more than one', () => {
    expect(htmlToText('<div>Hi</div><div><br></div><div>there</div>')).toBe('Hi\n\nthere');
    expect(htmlToText('a<br><br><br><br>b')).toBe('a\n\nb');
  });

  it('joins source line breaks and runs of spaces inside a paragraph into one space', () => {
    expect(htmlToText('<p>Sent: Monday,\r\n   November 30,\n2026</p>')).toBe(
      'Sent: Monday, November 30, 2026',
    );
  });

  it('breaks lines around blockquotes', () => {
    expect(htmlToText('note<blockquote type="cite">From: A<br>To: B</blockquote>after')).toBe(
      'note\nFrom: A\nTo: B\nafter',
    );
  });

  it('reads Outlook’s Word HTML: MsoNormal paragraphs, <o:p> and &nbsp; paragraphs', () => {
    const html =
      '<p class=MsoNormal><b>From:</b> Okafor, Daniel<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>' +
      '<p class=MsoNormal>Hi Sam,<o:p></o:p></p>';
    expect(htmlToText(html)).toBe('From: Okafor, Daniel\n\nHi Sam,');
  });

  it('drops scripts, styles, the head and comments, Outlook’s conditional comments included', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body><!--[if mso]><p>mso</p><![endif]-->' +
      '<script>alert(1)</script><p>visible</p></body></html>';
    expect(htmlToText(html)).toBe('visible');
  });

  it('shows a horizontal rule as Outlook’s own plain-text rule', () => {
    expect(htmlToText('cancel<hr>From: A')).toBe('cancel\n________________________________\nFrom: A');
  });

  it('keeps an address that only a mailto link holds, and does not repeat a visible one', () => {
    expect(htmlToText('From: <a href="mailto:grace@cobaltpeak.com">Grace Whitfield</a>')).toBe(
      'From: Grace Whitfield <grace@cobaltpeak.com>',
    );
    expect(htmlToText('&lt;<a href="mailto:grace@cobaltpeak.com">grace@cobaltpeak.com</a>&gt;')).toBe(
      '<grace@cobaltpeak.com>',
    );
  });

  it('keeps preformatted text as it is', () => {
    expect(htmlToText('<pre>a  b\n  c</pre>d')).toBe('a  b\n  c\nd');
  });

  it('separates table cells with a space and rows with a line', () => {
    expect(
      htmlToText('<table><tr><td>From:</td><td>A</td></tr><tr><td>To:</td><td>B</td></tr></table>'),
    ).toBe('From: A\nTo: B');
  });

  it('keeps a lone "<" that starts no tag, and hides a ">" inside a quoted attribute', () => {
    expect(htmlToText('1 < 2 and <3')).toBe('1 < 2 and <3');
    expect(htmlToText('<a title="x > y" href="#">link</a>')).toBe('link');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeEntities('Envoy&eacute;&nbsp;: &Agrave; &amp; &lt;a&gt; &#233; &#xE9; &#X1F600;')).toBe(
      'Envoyé\u00a0: À & <a> é é 😀',
    );
  });

  it('reads C1 numeric references as Windows-1252 and invalid ones as U+FFFD', () => {
    expect(decodeEntities('a&#150;b&#146;s')).toBe('a–b’s');
    expect(decodeEntities('&#0;&#xD800;&#99999999;')).toBe('\ufffd\ufffd\ufffd');
  });

  it('keeps unknown names, and takes old names without their semicolon as browsers do', () => {
    expect(decodeEntities('&bogus; AT&T &nbsp x')).toBe('&bogus; AT&T \u00a0 x');
  });
});

describe('htmlToText on hostile input stays linear and bounded', () => {
  const hostile: [string, string][] = [
    ['unclosed comments', '<!--'.repeat(200_000)],
    ['unclosed tags', '<a '.repeat(200_000)],
    ['unclosed quotes in tags', '<a x="'.repeat(100_000)],
    ['unclosed styles', '<style>'.repeat(100_000)],
    ['unclosed titles', '<title>x'.repeat(100_000)],
    ['end tags without openers', '</div'.repeat(150_000)],
    ['a million "<"', '<'.repeat(1_000_000)],
    ['entities', '&nbsp;&amp;&#150;'.repeat(60_000)],
    ['deep nesting', `${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}`],
    ['long words and spaces', `${'a'.repeat(500_000)} ${' '.repeat(500_000)}b`],
  ];

  // The test timeout is the guard against quadratic work; speed is measured in bench/.
  it.each(hostile)('converts %s and returns', (_, html) => {
    expect(typeof htmlToText(html)).toBe('string');
  });

  it('bounds its output by the limit it is given', () => {
    expect(htmlToText('<p>word</p>'.repeat(10_000), 1000).length).toBeLessThanOrEqual(1000);
  });
});
