/**
 * The pages build every element here, from text: data and messages (API errors, URL values,
 * names) become text nodes, never HTML, so a crafted link or record cannot run script.
 * Inline styles and event-handler attributes are refused too: the Content-Security-Policy
 * would block them, so they would only fail in production.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style' || name.toLowerCase().startsWith('on')) throw new Error(`h(): attribute ${name} is not allowed; use a class or addEventListener`);
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...nodes(children));
  return el;
}

/** Children as nodes: strings and numbers become text nodes. */
export function nodes(children: Child[]): Node[] {
  return children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(...nodes(children));
}

/** Joins items with a text separator (e.g. the page links' " · "). */
export function joined(items: Child[], separator: string): Child[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]));
}
