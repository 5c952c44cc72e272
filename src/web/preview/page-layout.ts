import { escapeHtml as esc } from '../../render/fill-tokens.js';

/**
 * The preview page's frame: styles from /static/preview.css and a small script. Everything works without the
 * script (buttons are forms); with it: live reload (it opens `/__events` and reloads the page when the server's
 * version is not the one this page was built with, but not while a form of the page is being sent, whose answer
 * shows the change anyway), and the "send a test" addresses kept while typing across reloads (localStorage).
 */
export function pageLayout(o: { title: string; version: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<link rel="stylesheet" href="/static/preview.css">
</head>
<body data-version="${esc(o.version)}">
${o.body}
<script>
(function () {
  var version = ${JSON.stringify(o.version).replace(/</g, '\\u003c')};
  var source = new EventSource('/__events');
  var sending = false;
  source.addEventListener('version', function (event) {
    if (event.data !== version && !sending) { source.close(); location.reload(); }
  });
  document.addEventListener('submit', function (event) {
    if (event.target && event.target.method === 'post') { sending = true; source.close(); }
  });
  var addresses = document.getElementById('addresses');
  var key = 'roundup-preview-test-addresses';
  try {
    if (addresses) {
      var kept = localStorage.getItem(key);
      if (kept) addresses.value = kept;
      addresses.addEventListener('input', function () { localStorage.setItem(key, addresses.value); });
    }
  } catch (e) { /* storage off: the server still shows the last addresses sent to */ }
})();
</script>
</body>
</html>
`;
}
