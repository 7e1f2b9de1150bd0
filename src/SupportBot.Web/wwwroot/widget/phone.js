/*
 * On a phone the panel fills the screen (widget.css, below 480 px). When the on-screen keyboard opens, the visual
 * viewport shrinks but the layout one does not, so the panel follows the visual viewport: the send box stays just
 * above the keyboard instead of under it.
 */
const phone = '(max-width: 480px)';

export function followKeyboard(panel) {
  const viewport = window.visualViewport;
  if (!viewport) return;
  const small = window.matchMedia(phone);

  function fit() {
    if (small.matches) {
      panel.style.height = `${Math.round(viewport.height)}px`;
      panel.style.top = `${Math.round(viewport.offsetTop)}px`;
    } else {
      panel.style.height = '';
      panel.style.top = '';
    }
  }

  viewport.addEventListener('resize', fit);
  viewport.addEventListener('scroll', fit);
  small.addEventListener('change', fit);
  fit();
}
