import type { Map as MapLibre } from 'maplibre-gl';

/**
 * The map as shown, as one PNG: every canvas in the map's container (maplibre's basemap, then
 * deck.gl's layers) drawn in page order at its place. maplibre keeps no drawing buffer, so its canvas
 * is read right after a repaint it was asked for, in the same task; deck.gl preserves its buffer.
 */
export function compositeMapPng(map: MapLibre, container: HTMLElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      try {
        const box = container.getBoundingClientRect();
        const base = map.getCanvas();
        const scale = base.width / Math.max(1, base.getBoundingClientRect().width);
        const out = document.createElement('canvas');
        out.width = Math.round(box.width * scale);
        out.height = Math.round(box.height * scale);
        const ctx = out.getContext('2d')!;
        ctx.fillStyle = '#0b0f14';
        ctx.fillRect(0, 0, out.width, out.height);
        for (const canvas of container.querySelectorAll('canvas')) {
          const r = canvas.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          ctx.drawImage(canvas, (r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale);
        }
        out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the map as PNG'))), 'image/png');
      } catch (err) {
        reject(err as Error);
      }
    });
    map.triggerRepaint();
  });
}
