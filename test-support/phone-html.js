// A rendered phone's simulated DOM as plain HTML for a real browser, shared by
// scripts/screenshots.js (pictures) and examples/sim/ (the browser simulator): WeChat tags
// become styled divs, media tags become labelled video stand-ins, and the component's
// compiled wxss is turned from rpx into px for a phone of a given width.
// Node only (works on jsdom nodes); never shipped.
'use strict';

/** The phone's width in CSS px: 750rpx = 375 px, an iPhone-X-like screen. */
const PHONE_WIDTH = 375;
const PHONE_HEIGHT = 812;
const SAFE_TOP = 44;
const SAFE_BOTTOM = 34;

const px = (n, per, size) => `${+(Number(n) * size / per).toFixed(3)}px`;

/**
 * wxss for a PHONE_WIDTH x PHONE_HEIGHT phone: 750rpx = PHONE_WIDTH px, vw/vh of the phone's
 * screen (not the browser's window), env() safe areas of an iPhone X.
 */
function phoneCss(css) {
  return css
    .replace(/(-?\d*\.?\d+)rpx/g, (all, n) => px(n, 750, PHONE_WIDTH))
    .replace(/(-?\d*\.?\d+)vw\b/g, (all, n) => px(n, 100, PHONE_WIDTH))
    .replace(/(-?\d*\.?\d+)vh\b/g, (all, n) => px(n, 100, PHONE_HEIGHT))
    .replace(/env\(\s*safe-area-inset-top\s*\)/g, `${SAFE_TOP}px`)
    .replace(/env\(\s*safe-area-inset-bottom\s*\)/g, `${SAFE_BOTTOM}px`)
    .replace(/env\(\s*safe-area-inset-(left|right)\s*\)/g, '0px');
}

/** An attribute the template set on a built-in node (simulate keeps it off the DOM, e.g. image src). */
function templateAttr(node, name) {
  const vt = node.__wxElement && node.__wxElement._vt;
  const attr = vt && vt.attrs.find((a) => a.name === name);
  return attr ? attr.value : null;
}

const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const VIDEO_TAGS = { 'wx-live-pusher': 'pusher', 'wx-live-player': 'player', 'wx-camera': 'camera' };
const PERSON_SVG = '<svg viewBox="0 0 64 64" width="72" height="72" aria-hidden="true"><circle cx="32" cy="22" r="12" fill="#5b6270"/>'
  + '<path d="M8 60c0-14 10.7-22 24-22s24 8 24 22z" fill="#5b6270"/></svg>';

/**
 * The simulated DOM under `node` as plain HTML: wx-* tags become divs/spans with a `wx-<tag>`
 * class and the template id as `data-wx-id`; media tags become dark video placeholders
 * (`data-who` names whose picture they stand for). `ctx`: `me` (the phone's user),
 * `assetUrl(src)` (a package path such as '/wxcomponents/…' → a URL the browser can load),
 * optional `nodeId(node)` (a number written as `data-n`, so a click can be mapped back).
 * `node` itself (the component's element) becomes a div too.
 */
function toHtml(node, ctx) {
  return nodeHtml(node, ctx, true);
}

function nodeHtml(node, ctx, isRoot) {
  if (node.nodeType === 3) return escapeHtml(node.textContent);
  if (node.nodeType !== 1) return '';
  const tag = node.tagName.toLowerCase();
  const wxId = node.__wxElement && node.__wxElement.id;
  const extra = (wxId ? ` data-wx-id="${escapeHtml(wxId)}"` : '') + (ctx.nodeId ? ` data-n="${ctx.nodeId(node)}"` : '');
  const attrs = [...node.attributes].filter((a) => a.name !== 'class' && a.name !== 'style')
    .map((a) => ` ${a.name}="${escapeHtml(a.value)}"`).join('') + extra;
  const cls = [tag.startsWith('wx-') ? tag : '', node.getAttribute('class') || ''].filter(Boolean).join(' ');
  const style = node.getAttribute('style') ? ` style="${escapeHtml(node.getAttribute('style'))}"` : '';
  const children = [...node.childNodes].map((c) => nodeHtml(c, ctx, false)).join('');
  if (VIDEO_TAGS[tag]) {
    const kind = VIDEO_TAGS[tag];
    const who = kind === 'player' ? node.getAttribute('data-userid') || '?' : ctx.me;
    const label = kind === 'camera' ? `${who} · camera preview` : kind === 'pusher' ? `${who} (me)` : who;
    return `<div class="${cls} video-placeholder video-${kind}" data-who="${escapeHtml(who)}"${attrs}${style}>`
      + `<div class="video-figure">${PERSON_SVG}<div class="video-label">${escapeHtml(label)}</div></div>${children}</div>`;
  }
  if (tag === 'wx-text') return `<span class="${cls}"${attrs}${style}>${children}</span>`;
  if (tag === 'wx-image') {
    const src = ctx.assetUrl(node.getAttribute('src') || templateAttr(node, 'src'));
    return `<div class="${cls}"${attrs}${style}>${src ? `<img src="${escapeHtml(src)}" alt="">` : ''}</div>`;
  }
  if (tag.startsWith('wx-') || isRoot) return `<div class="${cls}"${attrs}${style}>${children}</div>`;
  return `<${tag}${cls ? ` class="${cls}"` : ''}${attrs}${style}>${children}</${tag}>`;
}

/** WeChat's built-in component defaults and the video placeholders (for the HTML of toHtml). */
const WX_CSS = `
.wx-view { display: block; box-sizing: border-box; }
.wx-text { display: inline; white-space: pre-wrap; }
.wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
.wx-image img { width: 100%; height: 100%; object-fit: cover; }
.wx-live-pusher, .wx-live-player, .wx-camera { display: block; width: 300px; height: 225px; }
.video-placeholder { position: relative; overflow: hidden;
  background: #2a2e35; color: #c9ced8; box-shadow: inset 0 0 0 0.5px rgba(0,0,0,.6); }
.video-figure { position: absolute; left: 0; right: 0; top: 50%; transform: translateY(-50%);
  display: flex; flex-direction: column; align-items: center; gap: 6px; }
.video-pusher { background: #464d59; }
.video-camera { background: #1d2026; }
.video-camera .video-figure { top: 62%; }
.video-label { font-size: 13px; letter-spacing: .02em; background: rgba(0,0,0,.35); padding: 2px 8px; border-radius: 10px; }
.stream .video-placeholder svg { width: 40%; max-width: 96px; height: auto; }
`;

module.exports = { PHONE_HEIGHT, PHONE_WIDTH, SAFE_BOTTOM, SAFE_TOP, WX_CSS, escapeHtml, phoneCss, toHtml };
