/* global window, document, getComputedStyle, NodeFilter */
/**
 * Checks run inside the page by e2e/layout.test.ts (installed as an init script, so the app's CSP does
 * not apply to it). Plain JavaScript: the e2e TypeScript project has no DOM types.
 */

/** What breaks the layout: sideways scrolling of the page or of a box in it, and squeezed text. */
window.beaconLayoutProblems = (readablePx) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth)
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px in ${window.innerWidth}px`);
  const named = (el) =>
    `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}>`;
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${named(el)} scrolls sideways: ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
  }
  for (const value of document.querySelectorAll('dd')) {
    const width = value.getBoundingClientRect().width;
    if (width > 0 && width < readablePx)
      problems.push(`a fact's value <dd> "${(value.textContent ?? '').slice(0, 30)}…" is ${Math.round(width)}px wide`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').trim();
    const el = node.parentElement;
    if (text.length <= 20 || !el || el.closest('svg, script, style, option, textarea, .usa-sr-only')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    // Text on one line is not squeezed, however narrow its box.
    if (new Set(lines.map((r) => Math.round(r.top))).size < 2) continue;
    const width = Math.max(...lines.map((r) => r.right)) - Math.min(...lines.map((r) => r.left));
    if (width < readablePx) problems.push(`${named(el)} text "${text.slice(0, 30)}…" wraps in ${Math.round(width)}px`);
  }
  return problems;
};

/** Selects whose chosen option's words do not fit beside USWDS's arrow. */
window.beaconClippedSelects = (selector) =>
  [...document.querySelectorAll(selector)].flatMap((select) => {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.text ?? '';
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(text).width > room ? [`${select.id}: "${text}" in ${Math.round(room)}px`] : [];
  });
