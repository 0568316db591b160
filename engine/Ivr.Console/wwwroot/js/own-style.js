// Pages that bring their own style sheet load it once with ownStyle('/css/NAME.css'), instead of growing console.css.

export function ownStyle(href) {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
