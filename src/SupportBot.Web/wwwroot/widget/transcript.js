/*
 * "Email me this transcript": a small form under the header; the server mails the conversation to the address the
 * customer types (POST /widget/conversations/{id}/transcript with the conversation's own token).
 */
import { fill } from './strings.js';

export function transcriptForm({ el, base, words, current }) {
  const input = el('input', { type: 'email', className: 'sb-transcript__email', required: true, autocomplete: 'email', dir: 'ltr' });
  const send = el('button', { type: 'submit', className: 'sb-transcript__send' });
  const cancel = el('button', { type: 'button', className: 'sb-link sb-transcript__cancel' });
  const status = el('p', { className: 'sb-transcript__status', role: 'status' });
  const form = el('form', { className: 'sb-transcript', hidden: true }, input, send, cancel, status);

  function label() {
    const strings = words();
    input.placeholder = strings.transcriptEmail;
    input.setAttribute('aria-label', strings.transcriptEmail);
    send.textContent = strings.transcriptSend;
    cancel.textContent = strings.transcriptCancel;
  }

  function show() {
    label();
    status.textContent = '';
    form.hidden = false;
    input.focus();
  }

  // What the customer reads for each answer; the server's JSON error is for developers.
  function said(response, body) {
    const strings = words();
    if (response.ok) return fill(strings.transcriptSent, { email: body.sentTo });
    if (response.status === 400) return strings.transcriptBadEmail;
    if (response.status === 429) return strings.transcriptTooMany;
    return strings.transcriptFailed;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const conversation = current();
    if (!conversation) { status.textContent = words().transcriptFailed; return; }
    send.disabled = true;
    try {
      const response = await fetch(`${base}/widget/conversations/${encodeURIComponent(conversation.id)}/transcript`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conversation.token}` },
        body: JSON.stringify({ email: input.value.trim() }),
      });
      status.textContent = said(response, await response.json().catch(() => ({})));
      if (response.ok) input.value = '';
    } catch {
      status.textContent = words().transcriptFailed;
    } finally {
      send.disabled = false;
    }
  });
  cancel.addEventListener('click', () => { form.hidden = true; });

  return { form, show, hide: () => { form.hidden = true; }, label };
}
