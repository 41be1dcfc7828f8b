// Renders a section {title, note?, columns: [{label, align?}], rows: [[cell…]]} as padded text
// (console) or as a markdown table.
'use strict';

function toText(section) {
  const cells = [section.columns.map((c) => c.label), ...section.rows];
  const widths = section.columns.map((_, i) => Math.max(...cells.map((row) => String(row[i]).length)));
  const format = (row) => row.map((cell, i) => (section.columns[i].align === 'right'
    ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [section.title, format(cells[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of section.rows) lines.push(format(row));
  if (section.note) lines.push(section.note);
  return lines.join('\n');
}

function toMarkdown(section) {
  const escape = (cell) => String(cell).replace(/\|/g, '\\|');
  const lines = [`### ${section.title}`, ''];
  lines.push(`| ${section.columns.map((c) => c.label).join(' | ')} |`);
  lines.push(`|${section.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`);
  for (const row of section.rows) lines.push(`| ${row.map(escape).join(' | ')} |`);
  if (section.note) lines.push('', section.note);
  return lines.join('\n');
}

module.exports = { toText, toMarkdown };
