// Entry of the browser bundle: styles, the live stream, the app.
import { render } from "preact";
import "./styles.css";
import { App } from "./app.ts";
import { html } from "./html.ts";
import { connect } from "./live.ts";

connect();
render(html`<${App} />`, document.getElementById("app")!);
