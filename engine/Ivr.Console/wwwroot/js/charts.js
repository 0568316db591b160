// Bar charts drawn as inline SVG: no library, no canvas, readable by screen readers
// (each chart has a <title>, every bar a <title> with its label and value).

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above the largest value, so gridlines land on round numbers. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/** How many gridline steps split 0..max into whole round numbers: 20 → 4 (5 each), 50 → 5 (10 each), 3 → 3. */
export function gridSteps(max) {
  if (max <= 5 && Number.isInteger(max)) return Math.max(1, max);
  const leading = max / 10 ** Math.floor(Math.log10(max));
  return leading === 2 ? 4 : 5;
}

/**
 * Vertical bars: items [{ label, value }]. Labels are thinned out when there are many
 * (an hour axis shows every 3rd hour), values above each bar when there is room.
 */
export function columnChart(items, { title, height = 220, unit = '' } = {}) {
  const barWidth = Math.max(14, Math.min(48, Math.floor(640 / Math.max(items.length, 1)) - 6));
  const gap = 6;
  const left = 40, bottom = 28, top = 18;
  const width = left + items.length * (barWidth + gap) + gap;
  const max = niceMax(Math.max(0, ...items.map(i => i.value)));
  const plot = height - bottom - top;
  const labelEvery = Math.ceil(items.length / 12);
  const steps = gridSteps(max);

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart column-chart' });
  root.append(svg('title', {}, title ?? ''));
  for (let i = 0; i <= steps; i++) {
    const y = top + plot - (plot * i) / steps;
    root.append(svg('line', { x1: left, x2: width, y1: y, y2: y, class: 'grid-line' }));
    root.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, formatNumber((max * i) / steps)));
  }
  items.forEach((item, index) => {
    const x = left + gap + index * (barWidth + gap);
    const barHeight = (plot * item.value) / max;
    const bar = svg('rect', { x, y: top + plot - barHeight, width: barWidth, height: Math.max(barHeight, 0), class: 'bar', rx: 2 });
    bar.append(svg('title', {}, `${item.label}: ${formatNumber(item.value)}${unit}`));
    root.append(bar);
    if (item.value > 0 && barWidth >= 20) {
      root.append(svg('text', { x: x + barWidth / 2, y: top + plot - barHeight - 4, 'text-anchor': 'middle', class: 'value' }, formatNumber(item.value)));
    }
    if (index % labelEvery === 0) {
      root.append(svg('text', { x: x + barWidth / 2, y: height - 10, 'text-anchor': 'middle', class: 'axis' }, item.label));
    }
  });
  return root;
}

/**
 * Horizontal bars, one row per item, label on the left and value (with an optional
 * note such as a percentage) on the right: the shape of a drop-off funnel.
 */
export function barChart(items, { title, width = 640, rowHeight = 28, labelWidth = 170, note } = {}) {
  const valueWidth = 110;
  const height = items.length * rowHeight + 8;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(1, ...items.map(i => i.value));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart bar-chart' });
  root.append(svg('title', {}, title ?? ''));
  items.forEach((item, index) => {
    const y = 4 + index * rowHeight;
    const barWidth = (plot * item.value) / max;
    root.append(svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'label' }, item.label));
    const bar = svg('rect', { x: labelWidth, y: y + 4, width: Math.max(barWidth, 0), height: rowHeight - 8, rx: 2, class: `bar ${item.tone ?? ''}`.trim() });
    const extra = note?.(item);
    bar.append(svg('title', {}, `${item.label}: ${formatNumber(item.value)}${extra ? `（${extra}）` : ''}`));
    root.append(bar);
    root.append(svg('text', { x: labelWidth + barWidth + 6, y: y + rowHeight / 2 + 4, class: 'value' },
      extra ? `${formatNumber(item.value)}（${extra}）` : formatNumber(item.value)));
  });
  return root;
}

function formatNumber(value) {
  return Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
}
