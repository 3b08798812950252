// @ts-check
/**
 * The console page: forwards, replies and sweeps go to the server's JSON API; the state of every case
 * arrives by server-sent events and is rendered into the page. Everything from mail is put in with
 * textContent or into a sandboxed frame's srcdoc, never parsed as this page's HTML.
 */

/**
 * @typedef {{ name: string, address: string }} Mailbox
 * @typedef {{ from: Mailbox | null, to: string[], cc: string[], replyTo: string[], subject: string,
 *   messageId: string | null, date: string | null, text: string, html: string | null,
 *   attachments: { filename: string, mimeType: string, size: number }[], shortened: boolean }} MailView
 * @typedef {{ sesMessageId: string, at: string, kind: 'forward' | 'command' | 'to-user' | 'to-employer',
 *   mail: MailView }} Item
 * @typedef {{ name: string | null, email: string | null, company: string | null }} Contact
 * @typedef {{ employer: Contact, role: string | null, originalSubject: string | null,
 *   interview: { start: string | null, end: string | null, timezone: string | null, certain: boolean } }} Facts
 * @typedef {{ caseId: string, state: string, purpose: string, facts: Facts,
 *   draft: { subject: string, body: string }, sentAt: string | null, nudgesStopped: boolean }} CaseView
 * @typedef {{ address: string, subject: string, messageId: string | null, caseId: string }} ReplyTarget
 * @typedef {{ id: string, user: string | null, subject: string, cases: CaseView[], items: Item[],
 *   replyTarget: ReplyTarget | null, updatedAt: string }} Thread
 * @typedef {{ domain: string, threads: Thread[], unthreaded: Item[] }} State
 */

/** The frame's own policy: nothing loads, nothing runs; the mail's inline styles and data: images show. */
const FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

const STATE_LABELS = /** @type {Record<string, string>} */ ({
  DRAFTED: 'Draft ready',
  SENDING: 'Sending…',
  SENT: 'Sent to the employer',
  DISCARDED: 'Discarded',
});

const QUICK_COMMANDS = [
  { command: 'SEND', hint: 'Bowout sends the cancellation to the employer, with you in copy.' },
  { command: 'CANCEL', hint: 'Discard the draft.' },
  { command: 'STOP', hint: 'No more reminders for this case.' },
  { command: 'HELP', hint: 'The list of commands.' },
];

/** Commands that take text, and what their text box asks for. */
const TEXT_COMMANDS = /** @type {Record<string, { label: string, placeholder: string }>} */ ({
  REMIND: { label: 'When to remind you', placeholder: 'tomorrow 9am' },
  REASON: { label: 'A brief reason, for the employer', placeholder: 'I have accepted another offer' },
  EDIT: { label: 'Your cancellation, as it should go out', placeholder: '' },
  OFFER: { label: 'An alternative to offer', placeholder: 'a part-time role later this year' },
  TO: { label: 'The contact’s address', placeholder: 'name@company.example' },
  '': { label: 'Your reply (the command on the first line)', placeholder: 'STOP ALL' },
});

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [options]
 * @param {(Node | string | null)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** @param {string} id @returns {HTMLElement} */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/** @template {HTMLElement} T @param {string} id @param {new () => T} type @returns {T} */
function typed(id, type) {
  const node = byId(id);
  if (!(node instanceof type)) throw new Error(`#${id} is not a ${type.name}`);
  return node;
}

/** Ids for elements: thread and message ids are alphanumeric, but keep them safe regardless. */
const domId = (/** @type {string} */ prefix, /** @type {string} */ value) =>
  `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** @param {string} path @param {unknown} body */
async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `the console answered ${response.status}`);
  return answer;
}

// ---------------------------------------------------------------------------------------------------------
// The user

const nameInput = typed('user-name', HTMLInputElement);
const addressInput = typed('user-address', HTMLInputElement);
for (const input of [nameInput, addressInput]) {
  const saved = localStorage.getItem(`bowout.${input.id}`);
  if (saved) input.value = saved;
  input.addEventListener('change', () => localStorage.setItem(`bowout.${input.id}`, input.value.trim()));
}
const user = () => ({ name: nameInput.value.trim(), address: addressInput.value.trim() });

// ---------------------------------------------------------------------------------------------------------
// Forwarding

const forwardForm = typed('forward-form', HTMLFormElement);
const forwardStatus = byId('forward-status');
const sampleSelect = typed('sample', HTMLSelectElement);
const sampleDescription = byId('sample-description');
const sourceSample = typed('source-sample', HTMLInputElement);
const sourceOwn = typed('source-own', HTMLInputElement);
const sampleField = byId('sample-field');
const ownField = byId('own-field');
const emlFile = typed('eml-file', HTMLInputElement);
const emlText = typed('eml-text', HTMLTextAreaElement);
/** @type {{ id: string, title: string, description: string }[]} */
let samples = [];
/** @type {{ name: string, bytes: Uint8Array } | null} */
let droppedFile = null;

function showSource() {
  sampleField.hidden = !sourceSample.checked;
  ownField.hidden = !sourceOwn.checked;
}
sourceSample.addEventListener('change', showSource);
sourceOwn.addEventListener('change', showSource);
sampleSelect.addEventListener('change', () => {
  sampleDescription.textContent = samples.find((s) => s.id === sampleSelect.value)?.description ?? '';
});

/** @param {File} file */
async function takeFile(file) {
  droppedFile = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  emlText.value = '';
  forwardStatus.textContent = `${file.name} is ready to forward.`;
}
emlFile.addEventListener('change', () => {
  const file = emlFile.files?.[0];
  if (file) takeFile(file);
});
emlText.addEventListener('input', () => {
  droppedFile = null;
  emlFile.value = '';
});
for (const target of [ownField, emlText]) {
  target.addEventListener('dragover', (event) => {
    event.preventDefault();
    ownField.classList.add('dropping');
  });
  target.addEventListener('dragleave', () => ownField.classList.remove('dropping'));
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    ownField.classList.remove('dropping');
    const file = event.dataTransfer?.files[0];
    if (file) takeFile(file);
  });
}

/** @param {Uint8Array} bytes */
function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

forwardForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  /** @type {Record<string, unknown>} */
  const body = { user: user(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  if (sourceSample.checked) body.sample = sampleSelect.value;
  else if (droppedFile) Object.assign(body, { eml: base64(droppedFile.bytes), encoding: 'base64' });
  else Object.assign(body, { eml: emlText.value, encoding: 'utf8' });
  forwardStatus.textContent = 'Forwarding…';
  try {
    await post('/api/forward', body);
    forwardStatus.textContent = "Forwarded. Bowout's answer appears under Cases in a moment.";
  } catch (error) {
    forwardStatus.textContent = `Not forwarded: ${/** @type {Error} */ (error).message}`;
  }
});

async function loadSamples() {
  const response = await fetch('/api/samples');
  const answer = await response.json();
  samples = answer.samples;
  byId('cancel-address').textContent = `cancel@${answer.domain}`;
  sampleSelect.replaceChildren(
    ...samples.map((s) => el('option', { text: s.title, attrs: { value: s.id } })),
  );
  sampleDescription.textContent = samples[0]?.description ?? '';
}

// ---------------------------------------------------------------------------------------------------------
// The sweep

const sweepForm = typed('sweep-form', HTMLFormElement);
const sweepAt = typed('sweep-at', HTMLInputElement);
const sweepStatus = byId('sweep-status');

/** `YYYY-MM-DDTHH:mm` in the browser's zone, as datetime-local inputs take it. */
function localInputValue(/** @type {Date} */ date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
function inDays(/** @type {number} */ days) {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + 1);
  return date;
}
sweepAt.value = localInputValue(inDays(1));
for (const button of sweepForm.querySelectorAll('button[data-days]')) {
  button.addEventListener('click', () => {
    sweepAt.value = localInputValue(inDays(Number(/** @type {HTMLElement} */ (button).dataset.days)));
    sweepAt.focus();
  });
}
sweepForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const at = new Date(sweepAt.value);
  if (!sweepAt.value || Number.isNaN(at.getTime())) {
    sweepStatus.textContent = 'Choose a date and time first.';
    return;
  }
  sweepStatus.textContent = 'Sweeping…';
  try {
    const answer = await post('/api/sweep', { at: at.toISOString() });
    const sent = Number(answer.result?.sent ?? 0);
    const nudges = sent === 1 ? '1 nudge' : `${sent} nudges`;
    sweepStatus.textContent = `Swept as if it were ${fullDateTime.format(at)}: ${nudges} sent.`;
  } catch (error) {
    sweepStatus.textContent = `The sweep did not run: ${/** @type {Error} */ (error).message}`;
  }
});

// ---------------------------------------------------------------------------------------------------------
// Threads

const threadsBox = byId('threads');
const emptyNote = byId('empty');
const connection = byId('connection');

/** @param {Item} item @param {string} domain */
function who(item, domain) {
  switch (item.kind) {
    case 'forward':
      return 'You → Bowout: the forward';
    case 'command':
      return 'You → Bowout: a reply';
    case 'to-employer':
      return `Bowout → the employer (${item.mail.to.join(', ')})`;
    default:
      return `Bowout → you (${item.mail.to.join(', ') || domain})`;
  }
}

/** The mail's HTML in a frame that runs nothing and loads nothing from anywhere. */
function mailFrame(/** @type {string} */ html, /** @type {string} */ title) {
  const frame = el('iframe', {
    className: 'mail-frame',
    attrs: { sandbox: 'allow-same-origin', title, referrerpolicy: 'no-referrer' },
  });
  // Long words (links written out) wrap rather than run off the frame's edge; the mail's own styles may say otherwise.
  const base = '<style>html { overflow-wrap: anywhere; }</style>';
  frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><meta name="referrer" content="no-referrer">${base}${html}`;
  // As tall as the message (the frame is same-origin so the page can measure it, and runs no script).
  const fit = () => {
    const root = frame.contentDocument?.documentElement;
    const height = root ? Math.ceil(root.getBoundingClientRect().height) : 0;
    if (height > 0) frame.style.height = `${Math.min(height + 4, 3000)}px`;
  };
  frame.addEventListener('load', fit);
  new ResizeObserver(fit).observe(frame);
  return frame;
}

/**
 * @param {Item} item @param {string} domain
 * @param {boolean} open whether the message starts unfolded (the newest of its thread does)
 */
function renderItem(item, domain, open) {
  const { mail } = item;
  const id = domId('mail', `${item.kind}-${item.sesMessageId}`);
  const at = new Date(item.at);
  const heading = el('h4', { className: 'subject', text: mail.subject || '(no subject)' });
  const meta = el('p', { className: 'meta' }, [
    el('span', { className: 'who', text: who(item, domain) }),
    ' · ',
    el('time', { text: dateTime.format(at), attrs: { datetime: at.toISOString() } }),
  ]);
  const li = el('li', { className: `item kind-${item.kind}`, attrs: { id } });
  if (item.kind === 'command') {
    li.append(meta, el('pre', { className: 'command-text', text: mail.text.trim() }));
    return li;
  }
  const details = el('details', { className: 'mail' });
  details.open = open;
  details.append(el('summary', {}, [heading, meta]));
  const addresses = el('p', { className: 'addresses' }, [
    `From ${mail.from ? `${mail.from.name ? `${mail.from.name} ` : ''}<${mail.from.address}>` : '(unknown)'}`,
    mail.to.length ? ` · To ${mail.to.join(', ')}` : '',
    mail.cc.length ? ` · Cc ${mail.cc.join(', ')}` : '',
    mail.replyTo.length ? ` · Reply-To ${mail.replyTo.join(', ')}` : '',
  ]);
  details.append(addresses);
  const textView = el('pre', { className: 'mail-text', text: mail.text || '(no plain text)' });
  if (mail.html !== null) {
    const frame = mailFrame(mail.html, `${mail.subject || 'Message'} (as HTML)`);
    textView.hidden = true;
    const toggle = el('button', {
      className: 'toggle',
      text: 'Show the plain text',
      attrs: { type: 'button', 'aria-pressed': 'false' },
    });
    toggle.addEventListener('click', () => {
      const showText = textView.hidden;
      textView.hidden = !showText;
      frame.hidden = showText;
      toggle.setAttribute('aria-pressed', String(showText));
      toggle.textContent = showText ? 'Show the HTML' : 'Show the plain text';
    });
    details.append(toggle, frame, textView);
  } else {
    details.append(textView);
  }
  if (mail.attachments.length) {
    details.append(
      el(
        'ul',
        { className: 'attachments', attrs: { 'aria-label': 'Attachments' } },
        mail.attachments.map((a) =>
          el('li', { text: `${a.filename || '(unnamed)'} · ${a.mimeType} · ${Math.ceil(a.size / 1024)} KB` }),
        ),
      ),
    );
  }
  if (mail.shortened) details.append(el('p', { className: 'hint', text: 'Shortened: the message is long.' }));
  li.append(details);
  return li;
}

/** @param {CaseView | undefined} main */
function caseTitle(main, /** @type {Thread} */ thread) {
  if (!main) return thread.subject.replace(/^(?:(?:fwd?|wg|tr|rv|i)\s*:\s*)+/i, '') || '(no subject)';
  const { company, name } = main.facts.employer;
  const parts = [company ?? name ?? 'Unknown employer', main.facts.role].filter(Boolean);
  return parts.join(' · ');
}

/** @param {CaseView} main */
function factsLine(main) {
  const { interview, employer } = main.facts;
  const parts = [];
  if (interview.start) {
    const start = new Date(interview.start);
    let when = `Interview ${fullDateTime.format(start)}`;
    if (interview.timezone && interview.timezone !== Intl.DateTimeFormat().resolvedOptions().timeZone) {
      try {
        const theirs = new Intl.DateTimeFormat(undefined, {
          hour: 'numeric',
          minute: '2-digit',
          timeZone: interview.timezone,
          timeZoneName: 'short',
        }).format(start);
        when += ` (${theirs} for them)`;
      } catch {
        // a fixed offset Intl does not know: the user's own time is enough
      }
    }
    parts.push(interview.certain ? when : `${when}, partly assumed`);
  } else {
    parts.push('Interview time not found');
  }
  if (employer.email) parts.push(`Contact ${employer.name ? `${employer.name} ` : ''}<${employer.email}>`);
  else parts.push('Contact address not found');
  return parts.join(' · ');
}

/** @param {Thread} thread */
function statusText(thread) {
  const [main, ...later] = thread.cases;
  if (!main) return thread.items.some((i) => i.kind !== 'forward') ? 'No case opened' : 'Waiting for Bowout…';
  const states = [STATE_LABELS[main.state] ?? main.state];
  for (const other of later) {
    const label = other.purpose === 'keep-in-touch' ? 'Stay-in-touch note' : 'Follow-up';
    states.push(`${label}: ${(STATE_LABELS[other.state] ?? other.state).toLowerCase()}`);
  }
  return states.join(' · ');
}

/** The reply controls of one thread, built once so that what the user typed survives updates. */
function commandPanel(/** @type {Thread} */ thread) {
  const base = domId('reply', thread.id);
  const section = el('section', { className: 'commands', attrs: { 'aria-labelledby': `${base}-title` } });
  const title = el('h4', { text: 'Reply to Bowout', attrs: { id: `${base}-title` } });
  const target = el('p', { className: 'hint target' });
  const status = el('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const quick = el('div', { className: 'quick', attrs: { role: 'group', 'aria-label': 'Commands' } });
  /** @param {string} command */
  const reply = async (command) => {
    const current = /** @type {ReplyTarget | null} */ (JSON.parse(section.dataset.target ?? 'null'));
    if (!current) return;
    status.textContent = `Replying ${command.split('\n')[0]}…`;
    try {
      await post('/api/reply', {
        user: user(),
        to: current.address,
        subject: current.subject,
        inReplyTo: current.messageId,
        text: command,
      });
      status.textContent = `Replied ${command.split('\n')[0]}. Bowout's answer appears above.`;
      return true;
    } catch (error) {
      status.textContent = `Not sent: ${/** @type {Error} */ (error).message}`;
      return false;
    }
  };
  for (const { command, hint } of QUICK_COMMANDS) {
    const button = el('button', { text: command, attrs: { type: 'button', title: hint } });
    button.addEventListener('click', () => reply(command));
    quick.append(button);
  }

  const form = el('form', { className: 'text-command', attrs: { novalidate: '' } });
  const kindId = `${base}-kind`;
  const textId = `${base}-text`;
  const kind = el('select', { attrs: { id: kindId } });
  for (const name of Object.keys(TEXT_COMMANDS)) {
    kind.append(el('option', { text: name || 'Other…', attrs: { value: name } }));
  }
  const textLabel = el('label', { attrs: { for: textId } });
  const textBox = el('textarea', { attrs: { id: textId, rows: '2' } });
  const describe = () => {
    const spec = TEXT_COMMANDS[kind.value] ?? TEXT_COMMANDS[''];
    textLabel.textContent = spec?.label ?? '';
    textBox.placeholder = spec?.placeholder ?? '';
    textBox.rows = kind.value === 'EDIT' || kind.value === '' ? 8 : 2;
    if (kind.value === 'EDIT' && !textBox.value) textBox.value = section.dataset.draft ?? '';
  };
  kind.addEventListener('change', describe);
  describe();
  const submit = el('button', { text: 'Send the reply', attrs: { type: 'submit' } });
  form.append(
    el('div', { className: 'field' }, [el('label', { text: 'Command', attrs: { for: kindId } }), kind]),
    el('div', { className: 'field' }, [textLabel, textBox]),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const words = textBox.value.trim();
    if (!words) {
      status.textContent = 'Write something in the box first.';
      textBox.focus();
      return;
    }
    const command = kind.value === 'EDIT' ? `EDIT\n${words}` : kind.value ? `${kind.value} ${words}` : words;
    if (await reply(command)) textBox.value = '';
  });
  section.append(title, target, quick, form, status);
  return section;
}

/** @param {HTMLElement} panel @param {Thread} thread */
function updateCommandPanel(panel, thread) {
  const target = thread.replyTarget;
  panel.hidden = !target;
  panel.dataset.target = JSON.stringify(target);
  const main = thread.cases.find((c) => c.caseId === target?.caseId) ?? thread.cases[0];
  panel.dataset.draft = main?.draft.body ?? '';
  const hint = panel.querySelector('.target');
  if (hint && target) {
    hint.textContent = `From ${user().address || 'you'} to ${target.address}, in reply to “${target.subject}”.`;
  }
}

/** @type {Map<string, HTMLElement>} */
const threadNodes = new Map();

/** @param {Thread} thread @param {string} domain */
function renderThread(thread, domain) {
  const id = domId('thread', thread.id);
  let node = threadNodes.get(thread.id);
  if (!node) {
    node = el('article', { className: 'thread', attrs: { id, 'aria-labelledby': `${id}-title` } });
    node.append(
      el('header', {}, [
        el('h3', { attrs: { id: `${id}-title` } }),
        el('p', { className: 'badge' }),
        el('p', { className: 'facts' }),
        el('p', { className: 'hint user' }),
      ]),
      el('ol', { className: 'items' }),
      commandPanel(thread),
    );
    threadNodes.set(thread.id, node);
  }
  const main = thread.cases[0];
  const set = (/** @type {string} */ selector, /** @type {string} */ text) => {
    const target = node?.querySelector(selector);
    if (target && target.textContent !== text) target.textContent = text;
  };
  set('h3', caseTitle(main, thread));
  set('.badge', statusText(thread));
  set('.facts', main ? factsLine(main) : '');
  set('.user', thread.user ? `Forwarded by ${thread.user}` : '');
  const badge = node.querySelector('.badge');
  if (badge) badge.className = `badge state-${main?.state ?? 'none'}`;
  const list = /** @type {HTMLOListElement} */ (node.querySelector('.items'));
  showItems(list, thread.items, domain);
  const panel = /** @type {HTMLElement | null} */ (node.querySelector('.commands'));
  if (panel) updateCommandPanel(panel, thread);
  return node;
}

/**
 * Adds the items not shown yet, the newest of Bowout's unfolded, and drops those gone (the stack restarted
 * on other data). Messages never change, so the ones shown stay as they are, open or closed as left.
 */
function showItems(
  /** @type {HTMLElement} */ list,
  /** @type {Item[]} */ items,
  /** @type {string} */ domain,
) {
  const shown = new Map([...list.children].map((child) => [child.id, child]));
  const newest = items.findLast((item) => item.kind === 'to-user' || item.kind === 'to-employer');
  placeInOrder(
    list,
    items.map(
      (item) =>
        shown.get(domId('mail', `${item.kind}-${item.sesMessageId}`)) ??
        renderItem(item, domain, item === newest),
    ),
  );
}

/** Makes `nodes` the children of `container`, in order, moving only what is out of place. */
function placeInOrder(/** @type {HTMLElement} */ container, /** @type {Element[]} */ nodes) {
  const keep = new Set(nodes);
  for (const child of [...container.children]) if (!keep.has(child)) child.remove();
  let previous = /** @type {Element | null} */ (null);
  for (const node of nodes) {
    const expected = previous ? previous.nextElementSibling : container.firstElementChild;
    if (expected !== node) container.insertBefore(node, expected);
    previous = node;
  }
}

/** @param {State} state */
function render(state) {
  connection.textContent = '';
  emptyNote.hidden = state.threads.length > 0 || state.unthreaded.length > 0;
  const current = new Set(state.threads.map((thread) => thread.id));
  for (const id of threadNodes.keys()) if (!current.has(id)) threadNodes.delete(id);
  placeInOrder(
    threadsBox,
    state.threads.map((thread) => renderThread(thread, state.domain)),
  );
  const unthreaded = byId('unthreaded');
  unthreaded.hidden = state.unthreaded.length === 0;
  showItems(byId('unthreaded-items'), state.unthreaded, state.domain);
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('state', (event) => {
    render(JSON.parse(/** @type {MessageEvent} */ (event).data));
  });
  events.addEventListener('error', () => {
    connection.textContent = 'Lost the connection to the local stack; trying again…';
  });
}

loadSamples().catch((error) => {
  forwardStatus.textContent = `Could not load the samples: ${error.message}`;
});
listen();
