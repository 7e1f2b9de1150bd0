/*
 * The one way the console, the maintainer page and the widget make elements. Data only ever becomes text (the
 * `text` property and string children are text nodes), never markup, whatever a customer or the server sent.
 */

export const byId = (id) => document.getElementById(id);

/**
 * An element. `props`: `text` (textContent), `className`, `testid` (data-testid), `dataset` (an object), `onxxx`
 * (event listeners); any other name is an attribute (`true` = present; null, undefined and false = left out).
 * Children: nodes, or strings and numbers as text nodes, in arrays or not; null, undefined and false are skipped.
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
