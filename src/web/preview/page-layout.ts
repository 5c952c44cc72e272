import { escapeHtml as esc } from '../../render/fill-tokens.js';

/**
 * The preview page's frame: styles from /static/preview.css and the live-reload script. The script opens
 * `/__events` and reloads the page when the server's version is not the one this page was built with.
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
  source.addEventListener('version', function (event) {
    if (event.data !== version) { source.close(); location.reload(); }
  });
})();
</script>
</body>
</html>
`;
}
