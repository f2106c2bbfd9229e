// Issue assets: thumbnails for images, upload (picker, drop or paste) with
// a preview before sending, delete, download.
import { useEffect, useState } from "preact/hooks";
import { api, issuePath } from "./api.ts";
import { bytes } from "./format.ts";
import { html } from "./html.ts";
import type { IssueAsset } from "./types.ts";
import { attempt, Panel } from "./ui.ts";

function Pending({ file, onSend, onCancel }: { file: File; onSend: () => void; onCancel: () => void }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file.type.startsWith("image/")) return;
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return html`<div class="pending-upload" data-testid="upload-preview">
    ${url ? html`<img src=${url} alt=${`Preview of ${file.name}`} />` : html`<div class="file-icon">FILE</div>`}
    <div class="grow"><strong>${file.name}</strong><div class="muted small">${bytes(file.size)}</div></div>
    <button onClick=${onCancel}>Cancel</button><button class="primary" onClick=${onSend}>Upload</button>
  </div>`;
}

export function Assets({ identifier, assets, reload }: { identifier: string; assets: IssueAsset[]; reload: () => void }) {
  const [file, setFile] = useState<File>();
  const base = `${issuePath(identifier)}/assets`;
  const send = async () => {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    if (await attempt(() => api.upload(base, form), `${file.name} uploaded`)) {
      setFile(undefined);
      reload();
    }
  };
  const pick = (files: FileList | null | undefined) => files?.[0] && setFile(files[0]);
  return html`<${Panel} title="Assets">
    <div class="assets" onPaste=${(e: ClipboardEvent) => pick(e.clipboardData?.files)}>
      ${assets.map((a) => html`<figure class="asset" key=${a.id}>
        <a href=${`${base}/${a.id}/content`} target="_blank" rel="noopener">
          ${a.content_type.startsWith("image/") ? html`<img src=${`${base}/${a.id}/content`} alt=${a.filename} loading="lazy" />` : html`<div class="file-icon">FILE</div>`}
        </a>
        <figcaption><span class="clip" title=${a.filename}>${a.filename}</span><span class="muted small">${bytes(a.byte_size)}</span>
          <button class="link danger" aria-label=${`Delete ${a.filename}`} onClick=${() => confirm(`Delete ${a.filename}?`) && attempt(() => api.del(`${base}/${a.id}`), "Asset deleted").then(reload)}>Delete</button>
        </figcaption>
      </figure>`)}
      <label class="dropzone" onDragOver=${(e: DragEvent) => e.preventDefault()} onDrop=${(e: DragEvent) => { e.preventDefault(); pick(e.dataTransfer?.files); }}>
        <input type="file" accept="image/*,*/*" class="sr" data-testid="asset-input" onChange=${(e: Event) => pick((e.target as HTMLInputElement).files)} />
        <span>+ Add an image or file</span><span class="muted small">drop, paste or choose</span>
      </label>
    </div>
    ${file ? html`<${Pending} file=${file} onSend=${send} onCancel=${() => setFile(undefined)} />` : null}
  <//>`;
}
