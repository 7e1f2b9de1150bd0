/*
 * Replies that arrive while the panel is closed: a count on the launcher and in the page's title, cleared when the
 * customer opens the chat. What was seen is remembered (the newest reply's server time), so a reply read on one
 * page is not counted again on the next.
 */
import { fill } from './strings.js';

export function attention({ badge, memory, words }) {
  const pageTitle = document.title;
  let unread = 0;
  let open = false;
  let seen = memory.load('seen') || '';
  let latest = seen; // the newest reply that arrived, read or not
  const counted = new Set(); // a reconnect may deliver a reply again

  function show() {
    badge.hidden = unread === 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
    badge.setAttribute('aria-label', fill(words().unreadBadge, { count: unread }));
    document.title = unread === 0 ? pageTitle : `${fill(words().unread, { count: unread })} · ${pageTitle}`;
  }

  function markSeen(timestamp) {
    if (timestamp && timestamp > seen) {
      seen = timestamp;
      memory.save('seen', seen);
    }
  }

  return {
    /** Every activity that arrives (history included): a reply newer than what was seen counts while closed. */
    see(activity) {
      if (activity?.type !== 'message' || activity.from?.role === 'user') return;
      if (activity.timestamp > latest) latest = activity.timestamp;
      if (open) {
        markSeen(activity.timestamp);
      } else if (activity.timestamp && activity.timestamp > seen && !counted.has(activity.id)) {
        counted.add(activity.id);
        unread += 1;
        show();
      }
    },
    setOpen(isOpen) {
      open = isOpen;
      if (!open) return;
      markSeen(latest); // what came while closed is read now, on this page and the next
      if (unread > 0) {
        unread = 0;
        show();
      }
    },
    refresh: show,
    reset() {
      unread = 0;
      seen = '';
      latest = '';
      memory.forget('seen');
      show();
    },
  };
}
