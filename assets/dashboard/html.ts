// htm bound to Preact's h: tagged templates instead of a JSX step.
import { h, type VNode } from "preact";
import htm from "htm";

/**
 * `html\`<div class=${c}>${child}</div>\`` builds Preact vnodes; values are
 * escaped, never parsed as HTML. Every template here has one root element.
 */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
