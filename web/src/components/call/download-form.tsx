'use client';

import { useState, type FormEvent, type ReactNode } from 'react';

/** Device pixels per SVG pixel in a PNG: sharp on high-density screens and in documents. */
const PNG_SCALE = 2;

/**
 * The masked SVG ladder the API made for this recipient, drawn into a canvas and saved as PNG:
 * the picture is the shared SVG, so it is masked exactly as the SVG is (nothing from the page).
 */
async function svgToPng(svgUrl: string): Promise<Blob> {
  const response = await fetch(svgUrl);
  if (!response.ok) throw new Error((await response.text()) || `HTTP ${response.status}`);
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * PNG_SCALE;
    canvas.height = image.naturalHeight * PNG_SCALE;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('the browser made no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Download masked copy": a plain GET of the file the API masks for its recipient; for PNG, the
 * masked SVG rasterised here in the browser.
 */
export function DownloadForm({ action, children }: { action: string; children: ReactNode }) {
  const [problem, setProblem] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    if (form.get('format') !== 'png') return; // the browser downloads the API's file itself
    event.preventDefault();
    setProblem('');
    form.set('format', 'svg');
    const query = new URLSearchParams([...form].map(([k, v]) => [k, String(v)]));
    const callId = decodeURIComponent(action.split('/')[2] ?? 'call').replace(/[^\w.-]/g, '_');
    svgToPng(`${action}?${query}`)
      .then((png) => save(png, `sipflow-call-${callId}.png`))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  return (
    <form method="get" action={action} aria-label="Download masked copy" className="form-row" onSubmit={submit}>
      {children}
      <button type="submit">Download masked copy</button>
      {problem && (
        <span role="alert" className="problem">
          {problem}
        </span>
      )}
    </form>
  );
}
